/**
 * Every CSS selector used to read (or decorate) arXiv abstract pages, in one
 * place so a markup change on arXiv is a one-line fix here.
 *
 * Each comment says what the selector reads and on which fixture pages in
 * tests/fixtures/arxiv-abs/ it must match, and how many times; the numbers
 * are asserted by tests/unit/arxiv/selectors.test.ts. Fixture short names:
 *   2026a = 1706.03762v7.html        (2026 layout, labs tabs)
 *   2026b = 1902.02534.html          (2026 layout, labs tabs)
 *   2023h = 1902.02534v2_head-only_2023.html (<head> only, no body)
 *   2021  = 2106.09608v2.html        (late-2021 layout, labs tabs)
 *   2020  = 2004.10162v1.html        (April 2020, no labs tabs)
 *
 * DOM selectors are scoped to `#abs`: the labs tabs and banners add further
 * `h1`/`blockquote` elements elsewhere on the page.
 */
export const ARXIV_SELECTORS = {
  // --- <head> metadata (Highwire/Google Scholar tags and Open Graph) ---

  /** Raw title, TeX not converted. 1x on every fixture. */
  citationTitle: 'meta[name="citation_title"]',
  /** One per author, "Last, First". 2026a 8x, 2026b 3x, 2023h 3x, 2021 2x, 2020 3x. */
  citationAuthor: 'meta[name="citation_author"]',
  /**
   * Abstract text (multi-line in 2021). 2026a/2026b/2023h/2021 1x; 2020 0x
   * (the April 2020 page predates it: read the blockquote instead).
   */
  citationAbstract: 'meta[name="citation_abstract"]',
  /** Id without version, e.g. "1706.03762". 1x on every fixture. */
  citationArxivId: 'meta[name="citation_arxiv_id"]',
  /** First-version submission date "YYYY/MM/DD". 1x on every fixture. */
  citationDate: 'meta[name="citation_date"]',
  /** Canonical URL with the version shown, e.g. ".../abs/1706.03762v7". 1x on every fixture. */
  ogUrl: 'meta[property="og:url"]',

  // --- visible page, inside #abs (absent from 2023h, which has no body) ---

  /** Root of the abstract block. 2026a/2026b/2021/2020 1x, 2023h 0x. */
  absRoot: '#abs',
  /** Visible (MathJax-converted) title. 2026a/2026b/2021/2020 1x, 2023h 0x. */
  title: '#abs h1.title',
  /** The "Title:" label inside the title h1. 2026a/2026b/2021/2020 1x, 2023h 0x. */
  titleLabel: '#abs h1.title > .descriptor',
  /**
   * Author links (to arXiv's author search; restricting the href skips any
   * other link arXiv might put in the byline). 2026a 8x, 2026b 3x, 2021 2x,
   * 2020 3x, 2023h 0x.
   */
  authorLinks: '#abs .authors a[href*="searchtype=author"]',
  /** Abstract block. 2026a/2026b/2021/2020 1x, 2023h 0x. */
  abstract: '#abs blockquote.abstract',
  /** The "Abstract:" label inside the blockquote. 2026a/2026b/2021/2020 1x, 2023h 0x. */
  abstractLabel: '#abs blockquote.abstract > .descriptor',
  /**
   * "Machine Learning (cs.LG)" in the Subjects row of the metadata table.
   * 2026a/2026b/2021/2020 1x, 2023h 0x. (The right column's `.browse
   * .current` is the browse context, which `?context=` changes: not used.)
   */
  primarySubject: '#abs .tablecell.subjects .primary-subject',

  // --- where the sidebar goes ---

  /**
   * Right-hand column (download links, browse context, references), a direct
   * child of #abs-outer next to `.leftcolumn`. 2026a/2026b/2021/2020 1x,
   * 2023h 0x. Recommended: insert the sidebar as its first child.
   */
  mountAnchor: '#abs-outer > .extra-services',
} as const;

export type ArxivSelectorName = keyof typeof ARXIV_SELECTORS;

/**
 * arXiv's right-hand column, or null on pages without one (the content
 * script then falls back to an overlay rather than guessing a spot).
 */
export function findSidebarAnchor(doc: Document): Element | null {
  return doc.querySelector(ARXIV_SELECTORS.mountAnchor);
}
