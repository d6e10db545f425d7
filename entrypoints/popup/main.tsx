import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '@/src/messaging/client';
import { PopupApp } from '@/src/ui/popup/PopupApp';
import type { OpenMode } from '@/src/ui/popup/open-mode';
import type { PopupApi } from '@/src/ui/popup/types';
import { relatedForActiveTab } from './tab-related';
import '@/src/ui/popup/popup.css';

/** Opens like a link with the same modifiers: new tab in front, background tab, or new window. */
function open(url: string, mode: OpenMode): void {
  if (mode === 'window') void browser.windows.create({ url });
  else void browser.tabs.create({ url, active: mode === 'tab' });
}

// Wiring only: the popup's UI gets the background, the active tab and tab opening injected.
const api: PopupApi = {
  search: (args) => ask({ type: 'search', ...args }),
  summary: () => ask({ type: 'summary' }),
  details: (id) => ask({ type: 'paper-details', id }),
  relatedForTab: relatedForActiveTab,
  open,
  // Rejects when the build has no options page: nothing better to do than say so.
  openOptions: () => void browser.runtime.openOptionsPage().catch((e: unknown) => console.warn('[Paper Atlas] no options page', e)),
};

const app = document.getElementById('app');
// popup.html?q=… (opened in a tab by the sidebar's "Papers" button) starts with that search.
const initialQuery = new URLSearchParams(location.search).get('q') ?? undefined;
if (app) render(<PopupApp api={api} initialQuery={initialQuery} />, app);
