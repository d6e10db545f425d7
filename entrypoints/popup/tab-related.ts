import { browser } from 'wxt/browser';
import { parseAbsUrl } from '@/src/arxiv/url';
import { ask } from '@/src/messaging/client';
import type { TabRelated } from '@/src/ui/popup/types';

/**
 * Related papers for the active tab when it shows an arXiv abstract page.
 * The extension's host permissions for arXiv make the tab's URL and title
 * readable without the `tabs` permission. The page goes to the background as
 * the same `lookup-page` question the sidebar asks: by arXiv id when the paper
 * is in the dataset, else by the tab's title ("[2102.06171] Title"), so a page
 * outside the dataset still gets papers related by title.
 */
export async function relatedForActiveTab(): Promise<TabRelated | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const parsed = tab?.url ? parseAbsUrl(tab.url) : null;
  if (!parsed) return null;
  const title = tab?.title?.replace(/^\[[^\]]*\]\s*/, '').trim() || `arXiv:${parsed.arxivId}`;
  const page = { arxivId: parsed.arxivId, ...(parsed.version ? { version: parsed.version } : {}), title, authors: [], abstract: '' };
  const r = await ask({ type: 'lookup-page', page });
  return {
    title: r.match?.paper.title ?? title,
    inDataset: r.match !== null,
    related: r.related.map((x) => ({ paper: x.paper, matchedTerms: [], reasons: x.reasons })),
  };
}
