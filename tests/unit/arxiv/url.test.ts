import { describe, expect, it } from 'vitest';
import { parseAbsUrl, parseArxivId, type ParsedArxivId } from '../../../src/arxiv/url';

const ACCEPTED: Array<[string, ParsedArxivId]> = [
  ['https://arxiv.org/abs/2102.06171', { arxivId: '2102.06171' }],
  ['https://arxiv.org/abs/2102.06171v2', { arxivId: '2102.06171', version: 2 }],
  ['http://arxiv.org/abs/2102.06171v2', { arxivId: '2102.06171', version: 2 }],
  ['https://www.arxiv.org/abs/1706.03762v7', { arxivId: '1706.03762', version: 7 }],
  ['https://export.arxiv.org/abs/1706.03762', { arxivId: '1706.03762' }],
  ['https://browse.arxiv.org/abs/1706.03762v1', { arxivId: '1706.03762', version: 1 }],
  ['https://ARXIV.org/abs/1706.03762', { arxivId: '1706.03762' }],
  ['https://arxiv.org/abs/0704.0001', { arxivId: '0704.0001' }],
  ['https://arxiv.org/abs/1412.9999v3', { arxivId: '1412.9999', version: 3 }],
  ['https://arxiv.org/abs/1501.00001', { arxivId: '1501.00001' }],
  ['https://arxiv.org/abs/2102.06171/', { arxivId: '2102.06171' }],
  ['https://arxiv.org/abs/hep-th/9901001', { arxivId: 'hep-th/9901001' }],
  ['https://arxiv.org/abs/math/0309136v2', { arxivId: 'math/0309136', version: 2 }],
  ['https://arxiv.org/abs/math.GT/0309136', { arxivId: 'math/0309136' }],
  ['https://arxiv.org/abs/cond-mat/0703001v12', { arxivId: 'cond-mat/0703001', version: 12 }],
  ['https://arxiv.org/abs/hep-th/9108001', { arxivId: 'hep-th/9108001' }],
  ['https://arxiv.org/abs/2102.06171?labs-style=tabs-above', { arxivId: '2102.06171' }],
  ['https://arxiv.org/abs/2102.06171v2#foo', { arxivId: '2102.06171', version: 2 }],
  ['https://arxiv.org/abs/2102.06171?context=cs.LG#bar', { arxivId: '2102.06171' }],
  ['https://arxiv.org/abs/2102.06171?fmt=', { arxivId: '2102.06171' }],
  ['https://arxiv.org/abs?id=hep-th/9901001', { arxivId: 'hep-th/9901001' }],
  ['https://arxiv.org/abs?id=2102.06171v2', { arxivId: '2102.06171', version: 2 }],
  ['https://arxiv.org/abs?archive=hep-th&papernum=9901001', { arxivId: 'hep-th/9901001' }],
  ['https://arxiv.org/abs?math.GT/0309136', { arxivId: 'math/0309136' }],
];

const REJECTED: Array<[string, string]> = [
  ['https://arxiv.org/abs/2102.06171?fmt=txt', 'plain-text rendering'],
  ['https://arxiv.org/abs?id=hep-th/9901001&fmt=txt', 'plain-text rendering, legacy form'],
  ['https://arxiv.org/pdf/2102.06171', 'PDF'],
  ['https://arxiv.org/pdf/2102.06171v2.pdf', 'PDF with extension'],
  ['https://arxiv.org/html/2102.06171v2', 'HTML full text'],
  ['https://arxiv.org/list/cs.LG/recent', 'listing'],
  ['https://arxiv.org/search/?query=attention&searchtype=title', 'search'],
  ['https://arxiv.org/abs/', 'empty id'],
  ['https://arxiv.org/abs', 'bare /abs'],
  ['https://arxiv.org/abs?arxiv_id=2102.06171', 'parameter arXiv never accepted'],
  ['https://arxiv.org/abs/2102.06171/extra', 'extra path segment'],
  ['https://arxiv.org/abs/hep-th%2F9901001', 'escaped slash'],
  ['https://arxiv.org/ABS/2102.06171', 'path is case-sensitive'],
  ['https://example.com/abs/2102.06171', 'other host'],
  ['https://arxiv.org.evil.example/abs/2102.06171', 'lookalike host'],
  ['https://evilarxiv.org/abs/2102.06171', 'lookalike host'],
  ['https://arxiv.org:8443/abs/2102.06171', 'non-default port'],
  ['ftp://arxiv.org/abs/2102.06171', 'scheme'],
  ['https://arxiv.org/abs/2102.0617', '4 digits after 2014'],
  ['https://arxiv.org/abs/1412.12345', '5 digits before 2015'],
  ['https://arxiv.org/abs/2113.00001', 'month 13'],
  ['https://arxiv.org/abs/0612.0001', 'new style before April 2007'],
  ['https://arxiv.org/abs/2102.00000', 'number zero'],
  ['https://arxiv.org/abs/2102.06171v0', 'version 0'],
  ['https://arxiv.org/abs/2102.06171V2', 'upper-case V'],
  ['https://arxiv.org/abs/hep-th/990100', 'six digits'],
  ['https://arxiv.org/abs/HEP-TH/9901001', 'upper-case archive'],
  ['https://arxiv.org/abs/hep-th/0801001', 'old style after March 2007'],
  ['https://arxiv.org/abs/math.gt/0309136', 'lower-case subject class'],
  ['not a url', 'unparseable'],
  ['', 'empty'],
];

describe('parseAbsUrl', () => {
  it.each(ACCEPTED)('accepts %s', (url, expected) => {
    expect(parseAbsUrl(url)).toStrictEqual(expected);
  });
  it.each(REJECTED)('rejects %s (%s)', (url) => {
    expect(parseAbsUrl(url)).toBeNull();
  });
});

describe('parseArxivId', () => {
  it('parses bare ids, trimming whitespace', () => {
    expect(parseArxivId(' 1706.03762v7 ')).toStrictEqual({ arxivId: '1706.03762', version: 7 });
    expect(parseArxivId('hep-th/9901001')).toStrictEqual({ arxivId: 'hep-th/9901001' });
  });
  it('rejects ids with junk around them', () => {
    expect(parseArxivId('arXiv:1706.03762')).toBeNull();
    expect(parseArxivId('1706.03762.pdf')).toBeNull();
    expect(parseArxivId('')).toBeNull();
  });
});
