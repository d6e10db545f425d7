import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ask } from '@/src/messaging/client';
import { PopupApp } from '@/src/ui/popup/PopupApp';
import '@/src/ui/popup/popup.css';

// Wiring only: the popup's UI gets the background and tab opening injected.
const app = document.getElementById('app');
if (app)
  render(
    <PopupApp
      search={(query) => ask({ type: 'search', query, limit: 20 })}
      summary={() => ask({ type: 'summary' })}
      open={(url, background) => void browser.tabs.create({ url, active: !background })}
    />,
    app,
  );
