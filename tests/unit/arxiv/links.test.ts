import { describe, expect, it } from 'vitest';
import { absUrl, safeHttpsUrl, titleSearchUrl } from '../../../src/arxiv/links';

describe('absUrl', () => {
  it('builds abstract-page links for both id schemes', () => {
    expect(absUrl('2102.06171')).toBe('https://arxiv.org/abs/2102.06171');
    expect(absUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
  });
  it('keeps odd input inside the path', () => {
    expect(absUrl('a b?x=1#y')).toBe('https://arxiv.org/abs/a%20b%3Fx%3D1%23y');
  });
});

describe('titleSearchUrl', () => {
  it('builds an arXiv title search', () => {
    expect(titleSearchUrl('Attention Is All You Need')).toBe(
      'https://arxiv.org/search/?query=Attention%20Is%20All%20You%20Need&searchtype=title',
    );
  });
  it('encodes reserved characters and collapses whitespace', () => {
    const url = titleSearchUrl('  A & B:\n #1 $\\alpha$ ');
    expect(url).toBe('https://arxiv.org/search/?query=A%20%26%20B%3A%20%231%20%24%5Calpha%24&searchtype=title');
    const parsed = new URL(url);
    expect(parsed.searchParams.get('query')).toBe('A & B: #1 $\\alpha$');
    expect(parsed.searchParams.get('searchtype')).toBe('title');
  });
});

describe('safeHttpsUrl', () => {
  it.each([
    ['https://arxiv.org/abs/1706.03762', 'https://arxiv.org/abs/1706.03762'],
    [' https://example.org/a?b=c#d ', 'https://example.org/a?b=c#d'],
    ['HTTPS://ARXIV.ORG/abs/1', 'https://arxiv.org/abs/1'],
  ])('accepts %j', (input, expected) => {
    expect(safeHttpsUrl(input)).toBe(expected);
  });
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://arxiv.org/abs/1706.03762',
    'ftp://arxiv.org/',
    'file:///etc/passwd',
    '//arxiv.org/abs/1',
    '/abs/1706.03762',
    'https://user:pw@evil.example/',
    'https://arxiv.org@evil.example/',
    'not a url',
    '',
  ])('rejects %j', (input) => {
    expect(safeHttpsUrl(input)).toBeUndefined();
  });
});
