import { render } from 'preact';
import { browser } from 'wxt/browser';
import { readAbsPage } from '@/src/arxiv/read-page';
import { arxivMatches, isAlternateFormat, parseAbsUrl } from '@/src/arxiv/url';
import { askKeepReady, keepReady } from '@/src/messaging/keep-ready';
import { parseLookupReply, type LookupType } from '@/src/messaging/lookup-reply';
import type { Request, ResponseFor } from '@/src/messaging/protocol';
import { settingsPort, type Settings } from '@/src/settings/settings';
import { Sidebar } from '@/src/ui/sidebar/Sidebar';
import type { Lookup, SettingsPort } from '@/src/ui/sidebar/types';
import sidebarCss from '@/src/ui/sidebar/sidebar.css?inline';
import { whenAnchorParsed } from './when-anchor';

const SIDEBAR_HOST = 'paper-atlas-sidebar';

/**
 * A step on the page's performance timeline ('paper-atlas:start', …), which
 * the page shares with content scripts: the e2e timing breakdown
 * (tests/e2e/support/sidebar-timing.ts) reads where navigation → panels goes.
 */
const mark = (step: string) => performance.mark(`paper-atlas:${step}`);

/**
 * Asks the background and checks the answer where it arrives, with the small
 * lookup-reply.ts validator rather than protocol.ts's zod schemas (which would
 * put zod in this script; see lookup-reply.ts).
 */
async function askLookup<T extends LookupType>(request: Request & { type: T }): Promise<ResponseFor<T>> {
  return parseLookupReply(await browser.runtime.sendMessage(request), request.type as T);
}

// Wiring only: ask the background by arXiv id at once, read the page when its
// right-hand column is parsed, and mount the sidebar in a shadow root there.
export default defineContentScript({
  // `/abs*` rather than `/abs/*`: arXiv's legacy `/abs?id=…` form has no slash.
  matches: arxivMatches('/abs*'),
  // At document_start, so the lookup by id is on its way while arXiv's page
  // is still being parsed; the page is read and the sidebar mounted the
  // moment the right-hand column is parsed (whenAnchorParsed), not at
  // DOMContentLoaded after arXiv's footer and scripts.
  runAt: 'document_start',
  // The stylesheet is bundled as a string and handed to the shadow root, so
  // mounting waits on no fetch and exposes no web-accessible resource.
  cssInjectionMode: 'manual',
  async main(ctx) {
    mark('start');
    // The URL names the paper before any of the page exists: a dataset paper
    // with this id is answered without the page (most visits, once learned).
    const fromUrl = isAlternateFormat(location.href) ? null : parseAbsUrl(location.href);
    mark('sent');
    const early = fromUrl
      ? askLookup({ type: 'lookup-id', arxivId: fromUrl.arxivId }).then((reply) => {
          mark('id-reply');
          return reply;
        })
      : undefined;
    early?.catch(() => undefined); // a failure falls back to the page lookup below
    // The reader's settings are read now too, so the sidebar's first render
    // already has their theme, hidden state and collapsed sections: read at
    // mount, they arrived after the panels and rendered every panel again.
    const stored = settingsPort.load();
    let storedNow: Settings | undefined;
    stored.then((s) => (storedNow = s), () => undefined);
    const settings: SettingsPort = { ...settingsPort, load: () => stored };
    const anchor = await whenAnchorParsed(document);
    mark('anchor');
    const page = readAbsPage(document, location.href);
    mark('read');
    if (!page) return; // not an abstract page we can read (e.g. ?fmt=txt): no panel, no error
    const byPage = () => {
      mark('page-sent');
      return askLookup({ type: 'lookup-page', page });
    };
    // The early answer stands when it matched this page's paper and the page
    // has nothing to teach it (learn.ts: an id-matched record learns only a
    // full author list); otherwise the page is asked about.
    const first = async (): Promise<Lookup> => {
      const reply = await early?.catch(() => undefined);
      const usable = reply?.match && page.arxivId === fromUrl?.arxivId && !reply.match.paper.authorsTruncated;
      const answer: Lookup = usable ? { ...reply, type: 'lookup-page' } : await byPage();
      mark('reply');
      return answer;
    };
    // Asked before mounting, so the two overlap. A retry from the sidebar's
    // error state asks with the page.
    let pending: Promise<Lookup> | undefined = first();
    const lookup = () => {
      const once = pending;
      pending = undefined;
      return once ?? byPage();
    };
    // "Papers" next to a known author: the background opens the search in a tab.
    const openSearch = (name: string) => {
      const request: Request = { type: 'open-search', query: `au:"${name}"` };
      browser.runtime.sendMessage(request).catch((e: unknown) => console.warn('[Paper Atlas]', e));
    };
    const ui = await createShadowRootUi(ctx, {
      name: SIDEBAR_HOST,
      css: sidebarCss,
      // In the right-hand column when the page has one, so arXiv's text never
      // moves; otherwise a fixed card at the window's top right.
      ...(anchor ? { position: 'inline', anchor, append: 'first' } : { position: 'overlay', alignment: 'top-right', zIndex: 2147483000 }),
      onMount(container) {
        render(<Sidebar lookup={lookup} settings={settings} initialSettings={storedNow} category={page.primaryCategory} onOpenSearch={openSearch} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    ui.mount();
    // While the page is in view the background is asked to stay ready
    // (src/messaging/keep-ready.ts), unless the reader turned that off.
    ctx.onInvalidated(keepReady(document, askKeepReady, ctx));
  },
});
