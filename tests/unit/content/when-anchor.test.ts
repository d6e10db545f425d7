import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, test } from 'vitest';
import { whenAnchorParsed } from '../../../entrypoints/arxiv.content/when-anchor';

/** A document "still being parsed": readyState loading, body filled in by the test. */
function loadingDocument(html: string) {
  const { window, document } = parseHTML(html);
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
  (globalThis as { MutationObserver?: unknown }).MutationObserver = (window as unknown as { MutationObserver: unknown }).MutationObserver;
  return { window, document };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  delete (globalThis as { MutationObserver?: unknown }).MutationObserver;
});

describe('whenAnchorParsed', () => {
  test('resolves with the right-hand column as soon as it is parsed, before DOMContentLoaded', async () => {
    const { document } = loadingDocument('<html><head></head><body><div id="abs-outer"><div class="leftcolumn"><div id="abs"></div></div></div></body></html>');
    let got: Element | null | undefined;
    void whenAnchorParsed(document).then((a) => (got = a));
    await settle();
    expect(got).toBeUndefined(); // no column yet: still waiting
    const column = document.createElement('div');
    column.className = 'extra-services';
    document.getElementById('abs-outer')?.appendChild(column);
    await settle();
    expect(got).toBe(column);
  });

  test('a page without the column resolves with null at DOMContentLoaded (the floating card)', async () => {
    const { document } = loadingDocument('<html><head><meta name="citation_title" content="T"></head><body></body></html>');
    let got: Element | null | undefined;
    void whenAnchorParsed(document).then((a) => (got = a));
    await settle();
    expect(got).toBeUndefined();
    document.dispatchEvent(new (document.defaultView as unknown as { Event: typeof Event }).Event('DOMContentLoaded'));
    await settle();
    expect(got).toBeNull();
  });

  test('an already parsed page resolves at once with its column', async () => {
    const { document } = parseHTML('<html><body><div id="abs-outer"><div class="extra-services"></div></div></body></html>');
    await expect(whenAnchorParsed(document)).resolves.toBe(document.querySelector('.extra-services'));
  });
});
