import { arxivMatches } from '@/src/arxiv/url';
import { askKeepReady, keepReady } from '@/src/messaging/keep-ready';

// Wiring only, no UI: arXiv's listings, search results and author pages are
// where readers pick the abstract to open next. While one is in view the
// background is kept ready (src/messaging/keep-ready.ts), so that abstract
// page's sidebar does not wait for the index to be loaded again.
export default defineContentScript({
  matches: ['/list/*', '/search*', '/a/*'].flatMap(arxivMatches),
  runAt: 'document_idle',
  main(ctx) {
    // At once: a worker stopped while the reader was elsewhere loads now, before the click.
    if (document.visibilityState === 'visible') askKeepReady();
    ctx.onInvalidated(keepReady(document, askKeepReady, ctx));
  },
});
