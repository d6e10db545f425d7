import { findSidebarAnchor } from '@/src/arxiv/selectors';

/**
 * Resolves as soon as arXiv's right-hand column has been parsed, or at
 * DOMContentLoaded with null when the page has none (e.g. the head-only 2023
 * save). The column comes after `.leftcolumn` (which holds `#abs` and the
 * subjects row) in every recorded layout, so once it exists the page reads
 * exactly as it would at DOMContentLoaded; waiting for the rest of the page
 * (footer, arXiv's scripts) would only delay the sidebar.
 */
export function whenAnchorParsed(doc: Document): Promise<Element | null> {
  return new Promise((resolve) => {
    const now = findSidebarAnchor(doc);
    if (now || doc.readyState !== 'loading') {
      resolve(now);
      return;
    }
    const finish = (anchor: Element | null) => {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', onLoaded);
      resolve(anchor);
    };
    const observer = new MutationObserver(() => {
      const anchor = findSidebarAnchor(doc);
      if (anchor) finish(anchor);
    });
    const onLoaded = () => finish(findSidebarAnchor(doc));
    observer.observe(doc, { childList: true, subtree: true });
    doc.addEventListener('DOMContentLoaded', onLoaded);
  });
}
