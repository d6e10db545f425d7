import { render } from 'preact';
import { readAbsPage } from '@/src/arxiv/read-page';
import { findSidebarAnchor } from '@/src/arxiv/selectors';
import { ask } from '@/src/messaging/client';
import { Sidebar } from '@/src/ui/sidebar/Sidebar';
import '@/src/ui/sidebar/sidebar.css';

const SIDEBAR_HOST = 'paper-atlas-sidebar';

// Wiring only: read the page, mount the sidebar in a shadow root in arXiv's
// right-hand column, and let the sidebar ask the background.
export default defineContentScript({
  // `/abs*` rather than `/abs/*`: arXiv's legacy `/abs?id=…` form has no slash.
  matches: ['*://arxiv.org/abs*', '*://www.arxiv.org/abs*', '*://export.arxiv.org/abs*', '*://browse.arxiv.org/abs*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const page = readAbsPage(document, location.href);
    if (!page) return; // not an abstract page we can read (e.g. ?fmt=txt): no panel, no error
    const lookup = () => ask({ type: 'lookup-page', page });
    const anchor = findSidebarAnchor(document);
    const ui = await createShadowRootUi(ctx, {
      name: SIDEBAR_HOST,
      // In the right-hand column when the page has one, so arXiv's text never
      // moves; otherwise a fixed card at the window's top right.
      ...(anchor ? { position: 'inline', anchor, append: 'first' } : { position: 'overlay', alignment: 'top-right', zIndex: 2147483000 }),
      onMount(container) {
        render(<Sidebar lookup={lookup} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
  },
});
