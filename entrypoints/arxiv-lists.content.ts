import { askKeepReady, keepReady } from '@/src/messaging/keep-ready';

// Wiring only, no UI: arXiv's listings, search results and author pages are
// where readers pick the abstract to open next. While one is in view the
// background is kept ready (src/messaging/keep-ready.ts), so that abstract
// page's sidebar does not wait for the index to be loaded again.
const HOSTS = ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org'];

export default defineContentScript({
  matches: HOSTS.flatMap((host) => [`*://${host}/list/*`, `*://${host}/search*`, `*://${host}/a/*`]),
  runAt: 'document_idle',
  main(ctx) {
    // At once: a worker stopped while the reader was elsewhere loads now, before the click.
    if (document.visibilityState === 'visible') askKeepReady();
    ctx.onInvalidated(keepReady(document, askKeepReady, ctx));
  },
});
