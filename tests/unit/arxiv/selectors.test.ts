import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ARXIV_SELECTORS, findSidebarAnchor, type ArxivSelectorName } from '../../../src/arxiv/selectors';

/**
 * Pins how often every selector matches on every saved arXiv page, so a
 * selector that stops matching (or starts matching labs-tab markup) fails here.
 */

const FIXTURES = {
  '2026a': '1706.03762v7.html',
  '2026b': '1902.02534.html',
  '2023h': '1902.02534v2_head-only_2023.html',
  '2021': '2106.09608v2.html',
  '2020': '2004.10162v1.html',
} as const;
type Fixture = keyof typeof FIXTURES;

function load(name: Fixture): Document {
  const html = readFileSync(new URL(`../../fixtures/arxiv-abs/${FIXTURES[name]}`, import.meta.url), 'utf8');
  return parseHTML(html).document as unknown as Document;
}

/** Present once on each page with a body, absent from the head-only page. */
const BODY_ONCE: Record<Fixture, number> = { '2026a': 1, '2026b': 1, '2023h': 0, '2021': 1, '2020': 1 };
const EVERYWHERE_ONCE: Record<Fixture, number> = { '2026a': 1, '2026b': 1, '2023h': 1, '2021': 1, '2020': 1 };

const EXPECTED: Record<ArxivSelectorName, Record<Fixture, number>> = {
  citationTitle: EVERYWHERE_ONCE,
  citationAuthor: { '2026a': 8, '2026b': 3, '2023h': 3, '2021': 2, '2020': 3 },
  citationAbstract: { '2026a': 1, '2026b': 1, '2023h': 1, '2021': 1, '2020': 0 },
  citationArxivId: EVERYWHERE_ONCE,
  citationDate: EVERYWHERE_ONCE,
  ogUrl: EVERYWHERE_ONCE,
  absRoot: BODY_ONCE,
  title: BODY_ONCE,
  titleLabel: BODY_ONCE,
  authorLinks: { '2026a': 8, '2026b': 3, '2023h': 0, '2021': 2, '2020': 3 },
  abstract: BODY_ONCE,
  abstractLabel: BODY_ONCE,
  primarySubject: BODY_ONCE,
  mountAnchor: BODY_ONCE,
};

const docs = Object.fromEntries(
  (Object.keys(FIXTURES) as Fixture[]).map((f) => [f, load(f)]),
) as Record<Fixture, Document>;

describe('ARXIV_SELECTORS match counts on saved pages', () => {
  it('has an expectation for every selector', () => {
    expect(Object.keys(EXPECTED).sort()).toStrictEqual(Object.keys(ARXIV_SELECTORS).sort());
  });

  const cases = (Object.keys(ARXIV_SELECTORS) as ArxivSelectorName[]).flatMap((name) =>
    (Object.keys(FIXTURES) as Fixture[]).map((fixture) => [name, fixture] as const),
  );
  it.each(cases)('%s on %s', (name, fixture) => {
    expect(docs[fixture].querySelectorAll(ARXIV_SELECTORS[name]).length).toBe(EXPECTED[name][fixture]);
  });
});

describe('what the selectors point at', () => {
  it('labs tabs really add h1/blockquote outside #abs (why reads are scoped)', () => {
    for (const f of ['2026a', '2026b', '2021'] as const) {
      expect(docs[f].querySelectorAll('h1').length).toBeGreaterThan(2);
      expect(docs[f].querySelector('#labstabs')).not.toBeNull();
    }
    expect(docs['2020'].querySelector('#labstabs')).toBeNull();
  });

  it('labels are the "Title:" and "Abstract:" descriptors', () => {
    for (const f of ['2026a', '2026b', '2021', '2020'] as const) {
      expect(docs[f].querySelector(ARXIV_SELECTORS.titleLabel)?.textContent).toBe('Title:');
      expect(docs[f].querySelector(ARXIV_SELECTORS.abstractLabel)?.textContent).toBe('Abstract:');
    }
  });

  it('the mount anchor is the right column, a sibling of .leftcolumn', () => {
    for (const f of ['2026a', '2026b', '2021', '2020'] as const) {
      const anchor = docs[f].querySelector(ARXIV_SELECTORS.mountAnchor);
      expect(anchor?.parentElement?.id).toBe('abs-outer');
      expect(anchor?.previousElementSibling?.className).toBe('leftcolumn');
      expect(anchor?.querySelector('.full-text')).not.toBeNull();
      expect(findSidebarAnchor(docs[f])).toBe(anchor);
    }
    expect(findSidebarAnchor(docs['2023h'])).toBeNull();
  });
});
