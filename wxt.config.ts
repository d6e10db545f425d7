import { defineConfig } from 'wxt';
import { arxivMatches } from './src/arxiv/url';

// Permissions stay minimal: the arXiv hosts (the content script and the popup
// reading the current arXiv tab), storage for settings, unlimitedStorage for
// the dataset. README.md says why each is there.
export default defineConfig({
  srcDir: '.',
  // `wxt/browser` becomes webextension-polyfill's promise-based `browser` in
  // Chrome too, and fake-browser in unit tests.
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Paper Atlas',
    description: 'Shows what your local dataset of papers and authors knows, right on arXiv abstract pages.',
    // unlimitedStorage: an imported arXiv dump is hundreds of MB in IndexedDB;
    // without it Chrome may evict or refuse writes past the default quota.
    permissions: ['storage', 'unlimitedStorage'],
    host_permissions: arxivMatches('/*'),
    action: { default_title: 'Paper Atlas: search your dataset' },
    // Alt+Shift+P: free in Chrome and Firefox, unlike Ctrl+Shift+S/E or Alt+A.
    // Users can rebind it at chrome://extensions/shortcuts.
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Show or hide the Paper Atlas sidebar',
      },
    },
    // Firefox asks add-ons to declare data collection: we collect none.
    // Chrome does not know the key and would warn about it.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'paper-atlas@example.org', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
