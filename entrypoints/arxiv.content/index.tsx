import { render } from 'preact';
import { readAbsPage } from '@/src/arxiv/read-page';
import { ask } from '@/src/messaging/client';
import { settingsPort } from '@/src/settings/settings';
import { Sidebar } from '@/src/ui/sidebar/Sidebar';
import sidebarCss from '@/src/ui/sidebar/sidebar.css?inline';
import { whenAnchorParsed } from './when-anchor';

const SIDEBAR_HOST = 'paper-atlas-sidebar';

/**
 * A step on the page's performance timeline ('paper-atlas:start', …), which
 * the page shares with content scripts: the e2e timing breakdown
 * (tests/e2e/support/sidebar-timing.ts) reads where navigation → panels goes.
 */
const mark = (step: string) => performance.mark(`paper-atlas:${step}`);

// Wiring only: read the page, mount the sidebar in a shadow root in arXiv's
// right-hand column, and let the sidebar ask the background.
export default defineContentScript({
  // `/abs*` rather than `/abs/*`: arXiv's legacy `/abs?id=…` form has no slash.
  matches: ['*://arxiv.org/abs*', '*://www.arxiv.org/abs*', '*://export.arxiv.org/abs*', '*://browse.arxiv.org/abs*'],
  // At document_start, so the script is compiled and waiting while arXiv's
  // page is still being parsed; it reads the page and mounts the moment the
  // right-hand column is parsed (whenAnchorParsed), not at DOMContentLoaded
  // after arXiv's footer and scripts.
  runAt: 'document_start',
  // The stylesheet is bundled as a string and handed to the shadow root, so
  // mounting waits on no fetch and exposes no web-accessible resource.
  cssInjectionMode: 'manual',
  async main(ctx) {
    mark('start');
    const anchor = await whenAnchorParsed(document);
    mark('anchor');
    const page = readAbsPage(document, location.href);
    if (!page) return; // not an abstract page we can read (e.g. ?fmt=txt): no panel, no error
    // Ask first, mount while the background answers: the two overlap. A retry
    // from the sidebar's error state asks again.
    mark('sent');
    let pending: ReturnType<typeof ask<'lookup-page'>> | undefined = ask({ type: 'lookup-page', page }).then((reply) => {
      mark('reply');
      return reply;
    });
    const lookup = () => {
      const first = pending;
      pending = undefined;
      return first ?? ask({ type: 'lookup-page', page });
    };
    // "Papers" next to a known author: the background opens the search in a tab.
    const openSearch = (name: string) => void ask({ type: 'open-search', query: `au:"${name}"` }).catch((e: unknown) => console.warn('[Paper Atlas]', e));
    const ui = await createShadowRootUi(ctx, {
      name: SIDEBAR_HOST,
      css: sidebarCss,
      // In the right-hand column when the page has one, so arXiv's text never
      // moves; otherwise a fixed card at the window's top right.
      ...(anchor ? { position: 'inline', anchor, append: 'first' } : { position: 'overlay', alignment: 'top-right', zIndex: 2147483000 }),
      onMount(container) {
        render(<Sidebar lookup={lookup} settings={settingsPort} category={page.primaryCategory} onOpenSearch={openSearch} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
