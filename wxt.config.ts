import { defineConfig } from 'wxt';

// Host permissions are the only ones we need besides storage: the content script
// runs on arXiv abstract pages and nowhere else.
export default defineConfig({
  srcDir: '.',
  // `wxt/browser` becomes webextension-polyfill's promise-based `browser` in
  // Chrome too, and fake-browser in unit tests.
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Paper Atlas',
    description: 'Shows what your local dataset of papers and authors knows, right on arXiv abstract pages.',
    permissions: ['storage'],
    host_permissions: ['*://arxiv.org/*', '*://www.arxiv.org/*', '*://export.arxiv.org/*', '*://browse.arxiv.org/*'],
    action: { default_title: 'Paper Atlas: search your dataset' },
    browser_specific_settings: { gecko: { id: 'paper-atlas@example.org' } },
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
