import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { displayNameFromCitation, readAbsPage } from '../../../src/arxiv/read-page';

function html(file: string): string {
  return readFileSync(new URL(`../../fixtures/arxiv-abs/${file}`, import.meta.url), 'utf8');
}
function doc(source: string): Document {
  return parseHTML(source).document as unknown as Document;
}
function withoutMeta(d: Document, keep: (m: Element) => boolean = () => false): Document {
  for (const m of Array.from(d.querySelectorAll('meta'))) if (!keep(m)) m.remove();
  return d;
}

interface Expected {
  file: string;
  url: string;
  arxivId: string;
  version: number | undefined;
  title: string;
  authorCount: number;
  firstAuthor: string;
  lastAuthor: string;
  abstractStart: string;
  abstractEnd: string;
  primaryCategory: string | undefined;
  date: string;
}

// Read off the saved HTML by eye. Unversioned URLs get their version from og:url.
const PAGES: Expected[] = [
  {
    file: '1706.03762v7.html', url: 'https://arxiv.org/abs/1706.03762',
    arxivId: '1706.03762', version: 7, title: 'Attention Is All You Need',
    authorCount: 8, firstAuthor: 'Ashish Vaswani', lastAuthor: 'Illia Polosukhin',
    abstractStart: 'The dominant sequence transduction models are based on complex recurrent',
    abstractEnd: 'English constituency parsing both with large and limited training data.',
    primaryCategory: 'cs.CL', date: '2017-06-12',
  },
  {
    file: '1902.02534.html', url: 'https://arxiv.org/abs/1902.02534',
    arxivId: '1902.02534', version: 2,
    title: 'Crowdsourcing open citations with CROCI -- An analysis of the current status of open citations, and a proposal',
    authorCount: 3, firstAuthor: 'Ivan Heibi', lastAuthor: 'David Shotton',
    abstractStart: 'In this paper, we analyse the current availability of open citations data',
    abstractEnd: 'into our new index, CROCI, the Crowdsourced Open Citations Index.',
    primaryCategory: 'cs.DL', date: '2019-02-07',
  },
  {
    file: '1902.02534v2_head-only_2023.html', url: 'https://arxiv.org/abs/1902.02534v2',
    arxivId: '1902.02534', version: 2,
    title: 'Crowdsourcing open citations with CROCI -- An analysis of the current status of open citations, and a proposal',
    authorCount: 3, firstAuthor: 'Ivan Heibi', lastAuthor: 'David Shotton',
    abstractStart: 'In this paper, we analyse the current availability of open citations data',
    abstractEnd: 'into our new index, CROCI, the Crowdsourced Open Citations Index.',
    primaryCategory: undefined, date: '2019-02-07',
  },
  {
    file: '2106.09608v2.html', url: 'https://arxiv.org/abs/2106.09608v2',
    arxivId: '2106.09608', version: 2,
    title: 'Learning Knowledge Graph-based World Models of Textual Environments',
    authorCount: 2, firstAuthor: 'Prithviraj Ammanabrolu', lastAuthor: 'Mark O. Riedl',
    abstractStart: "World models improve a learning agent's ability to efficiently operate in interactive and situated",
    abstractEnd: 'as well as the importance of each of our contributions.',
    primaryCategory: 'cs.LG', date: '2021-06-17',
  },
  {
    file: '2004.10162v1.html', url: 'https://arxiv.org/abs/2004.10162v1',
    arxivId: '2004.10162', version: 1,
    title: 'EMPIR: Ensembles of Mixed Precision Deep Networks for Increased Robustness against Adversarial Attacks',
    authorCount: 3, firstAuthor: 'Sanchari Sen', lastAuthor: 'Anand Raghunathan',
    abstractStart: 'Ensuring robustness of Deep Neural Networks (DNNs) is crucial to their adoption in',
    abstractEnd: 'without sacrificing accuracy on the unperturbed inputs.',
    primaryCategory: 'cs.LG', date: '2020-04-21',
  },
];

describe('readAbsPage on saved arXiv pages', () => {
  it.each(PAGES)('$file', (p) => {
    const info = readAbsPage(doc(html(p.file)), p.url);
    expect(info).not.toBeNull();
    if (!info) return;
    expect(info.arxivId).toBe(p.arxivId);
    expect(info.version).toBe(p.version);
    expect(info.title).toBe(p.title);
    expect(info.authors).toHaveLength(p.authorCount);
    expect(info.authors[0]).toBe(p.firstAuthor);
    expect(info.authors.at(-1)).toBe(p.lastAuthor);
    expect(info.abstract.startsWith(p.abstractStart)).toBe(true);
    expect(info.abstract.endsWith(p.abstractEnd)).toBe(true);
    expect(info.abstract).not.toMatch(/\s{2}|^\s|\s$|\n|Abstract:/);
    expect(info.primaryCategory).toBe(p.primaryCategory);
    expect(info.date).toBe(p.date);
  });

  it('reads the whole author list and decodes entities in the blockquote', () => {
    expect(readAbsPage(doc(html('1706.03762v7.html')), PAGES[0]!.url)?.authors).toStrictEqual([
      'Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit',
      'Llion Jones', 'Aidan N. Gomez', 'Lukasz Kaiser', 'Illia Polosukhin',
    ]);
    // 2020 page has no citation_abstract: text comes from the blockquote.
    expect(readAbsPage(doc(html('2004.10162v1.html')), PAGES[4]!.url)?.abstract)
      .toContain('a single full-precision model (<25% in our evaluations).');
  });

  it('prefers citation_abstract (real URL) over the blockquote ("this http URL")', () => {
    const info = readAbsPage(doc(html('1902.02534.html')), PAGES[1]!.url);
    expect(info?.abstract).toContain('(the OpenCitations Index of Crossref open DOI-to-DOI citations; http://opencitations.net/index/coci)');
  });
});

describe('readAbsPage DOM fallbacks (no <meta> at all)', () => {
  it.each(PAGES.filter((p) => p.primaryCategory !== undefined))('$file', (p) => {
    const info = readAbsPage(withoutMeta(doc(html(p.file))), p.url);
    expect(info?.arxivId).toBe(p.arxivId);
    expect(info?.title).toBe(p.title);
    expect(info?.authors).toHaveLength(p.authorCount);
    expect(info?.authors[0]).toBe(p.firstAuthor);
    expect(info?.authors.at(-1)).toBe(p.lastAuthor);
    expect(info?.abstract.startsWith(p.abstractStart)).toBe(true);
    expect(info?.abstract).not.toMatch(/^Abstract|\s{2}/);
    expect(info?.primaryCategory).toBe(p.primaryCategory);
    expect(info?.date).toBeUndefined();
  });

  it('keeps the visible wording where it differs from the meta tags', () => {
    const info = readAbsPage(withoutMeta(doc(html('1902.02534.html'))), 'https://arxiv.org/abs/1902.02534');
    expect(info?.abstract).toContain('citations; this http URL) provided by OpenCitations.');
    expect(info?.version).toBeUndefined(); // og:url was removed too
  });

  it('prefers the raw TeX citation_title over the converted h1', () => {
    const d = doc(`<html><head><meta name="citation_title" content="The $\\alpha$-model"></head>
      <body><div id="abs"><h1 class="title"><span class="descriptor">Title:</span>The α-model</h1></div></body></html>`);
    expect(readAbsPage(d, 'https://arxiv.org/abs/2102.06171')?.title).toBe('The $\\alpha$-model');
    withoutMeta(d);
    expect(readAbsPage(d, 'https://arxiv.org/abs/2102.06171')?.title).toBe('The α-model');
  });
});

describe('readAbsPage id resolution', () => {
  const page = () => doc(html('1706.03762v7.html'));
  it('URL version wins over og:url', () => {
    expect(readAbsPage(page(), 'https://arxiv.org/abs/1706.03762v3')?.version).toBe(3);
  });
  it('falls back to citation_arxiv_id (+ og:url version) when the URL is not an abs URL', () => {
    const info = readAbsPage(page(), 'https://arxiv.org/pdf/1706.03762');
    expect(info?.arxivId).toBe('1706.03762');
    expect(info?.version).toBe(7);
  });
  it('falls back to og:url when citation_arxiv_id is missing', () => {
    const d = withoutMeta(page(), (m) => m.getAttribute('name') !== 'citation_arxiv_id');
    expect(readAbsPage(d, 'about:blank')).toMatchObject({ arxivId: '1706.03762', version: 7 });
  });
  it('ignores an og:url version that belongs to another paper', () => {
    const info = readAbsPage(page(), 'https://arxiv.org/abs/2102.06171');
    expect(info?.arxivId).toBe('2102.06171');
    expect(info?.version).toBeUndefined();
  });
});

describe('readAbsPage on broken pages returns null without throwing', () => {
  it.each([
    ['head-only page with meta stripped', () => withoutMeta(doc(html('1902.02534v2_head-only_2023.html')))],
    ['empty body', () => doc('<html><head></head><body></body></html>')],
    ['empty string', () => doc('')],
    ['#abs without a title', () => doc('<html><body><div id="abs"><blockquote class="abstract">x</blockquote></div></body></html>')],
    ['empty h1 with only its label', () => doc('<html><body><div id="abs"><h1 class="title"><span class="descriptor">Title:</span> </h1></div></body></html>')],
  ])('%s', (_label, make) => {
    expect(() => readAbsPage(make(), 'https://arxiv.org/abs/1706.03762v7')).not.toThrow();
    expect(readAbsPage(make(), 'https://arxiv.org/abs/1706.03762v7')).toBeNull();
  });

  it('the ?fmt=txt plain-text rendering', () => {
    const d = doc('<html><head></head><body><pre>arXiv:1706.03762 Title: Attention Is All You Need</pre></body></html>');
    expect(readAbsPage(d, 'https://arxiv.org/abs/1706.03762?fmt=txt')).toBeNull();
  });

  it('?fmt=txt even when the response still carries the full page and its metadata', () => {
    expect(readAbsPage(doc(html('1706.03762v7.html')), 'https://arxiv.org/abs/1706.03762v7?fmt=txt')).toBeNull();
    expect(readAbsPage(doc(html('1706.03762v7.html')), 'https://arxiv.org/abs/1706.03762v7?fmt=')).not.toBeNull();
  });

  it('full page but no id anywhere', () => {
    const d = withoutMeta(doc(html('2004.10162v1.html')));
    expect(readAbsPage(d, 'https://example.com/')).toBeNull();
  });

  it('a Document whose methods throw', () => {
    const hostile = { querySelectorAll: () => { throw new Error('boom'); } } as unknown as Document;
    expect(readAbsPage(hostile, 'https://arxiv.org/abs/1706.03762')).toBeNull();
  });
});

describe('displayNameFromCitation', () => {
  it.each([
    ['Vaswani, Ashish', 'Ashish Vaswani'],
    ['Gomez, Aidan N.', 'Aidan N. Gomez'],
    ['  Riedl ,  Mark O. ', 'Mark O. Riedl'],
    ['ATLAS Collaboration', 'ATLAS Collaboration'],
    ['Smith, John, Jr.', 'John Smith Jr.'],
    ['Gates, William Henry, III', 'William Henry Gates III'],
  ])('%j → %j', (input, expected) => {
    expect(displayNameFromCitation(input)).toBe(expected);
  });
});
