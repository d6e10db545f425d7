import { browser } from 'wxt/browser';
import { AtlasService } from '@/src/background/atlas-service';
import { datasetFromProfile, DEFAULT_DATASET_ID } from '@/src/dataset/default-dataset';
import { routeMessage } from '@/src/messaging/router';
import { openStore } from '@/src/storage/db';
import { loadSettings, toggleSidebarHidden } from '@/src/settings/settings';
import seedProfile from '@/assets/seed/samuel-l-smith.txt?raw';

// Wiring only: the service answers, the router validates, this file connects
// them to the extension's message channel. MV3 may kill this worker at any
// time; the service reloads from IndexedDB on the next question.
export default defineBackground(() => {
  const started = performance.now();
  const service = new AtlasService({
    openStore,
    defaultDataset: () =>
      datasetFromProfile(seedProfile, {
        id: DEFAULT_DATASET_ID,
        name: 'Samuel L. Smith (embedded default)',
        createdAt: new Date(0).toISOString(),
      }),
    log: (m) => console.info(`[Paper Atlas] ${m}`),
    learnEnabled: async () => (await loadSettings()).learnFromPages,
    // The sidebar's "Papers" button: the popup page in a tab, searching for the author.
    openSearch: async (query) => {
      await browser.tabs.create({ url: `${browser.runtime.getURL('/popup.html')}?q=${encodeURIComponent(query)}` });
    },
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const routed = routeMessage(message, { id: sender.id, url: sender.url }, browser.runtime.id, (r) => service.handle(r));
    if (!routed.handled) {
      console.warn(`[Paper Atlas] ${routed.reason}`);
      return false;
    }
    // Answer through sendResponse: a returned Promise is dropped by some
    // implementations (fake-browser among them).
    void routed.response.then(sendResponse);
    return true;
  });

  // An arXiv tab starts loading: its lookup by id starts now, not when the
  // page's script asks (~70 ms later, while the page competes for the CPU).
  // The URL of an arXiv tab is visible through the host permissions alone.
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    const url = tab.pendingUrl ?? change.url;
    if (change.status === 'loading' && url) service.pageOpening(url);
  });

  // The "toggle-sidebar" keyboard command flips a stored setting; every open
  // sidebar follows it through storage change events.
  browser.commands?.onCommand.addListener((command) => {
    if (command === 'toggle-sidebar') void toggleSidebarHidden();
  });

  // Loaded on install (the first run seeds the default dataset) and when the
  // browser starts; otherwise on the first question. Not whenever the worker
  // starts: tabs.onUpdated wakes it for a navigation on any site, and
  // loading the index for those (~50 MB at 75k papers) would be waste.
  const warmUp = () => void service.load().catch((e: unknown) => console.error('[Paper Atlas] load failed', e));
  browser.runtime.onInstalled.addListener(warmUp);
  browser.runtime.onStartup.addListener(warmUp);

  console.info(`[Paper Atlas] worker script ran in ${Math.round(performance.now() - started)} ms, ${Math.round(performance.now())} ms after the worker started`);
});

