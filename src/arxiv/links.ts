/**
 * Outbound links the UI builds. Everything that ends up in an `href` goes
 * through here so a hostile dataset value can never become a `javascript:`
 * or `data:` link.
 */

/** `https://arxiv.org/abs/<id>`; old-style ids keep their slash. */
export function absUrl(arxivId: string): string {
  // Encode per segment: valid ids are unchanged, anything odd stays inside the path.
  const path = arxivId.trim().split('/').map(encodeURIComponent).join('/');
  return `https://arxiv.org/abs/${path}`;
}

/** arXiv's own title search, used when a paper has no known arXiv id. */
export function titleSearchUrl(title: string): string {
  const query = encodeURIComponent(title.replace(/\s+/g, ' ').trim());
  return `https://arxiv.org/search/?query=${query}&searchtype=title`;
}

/**
 * Returns the (normalised) URL when `s` is an absolute https: URL, else
 * undefined. Rejects javascript:, data:, http: and relative URLs, and URLs
 * with embedded credentials ("https://arxiv.org@evil.example/" reads as
 * arxiv.org to a human but goes to evil.example).
 */
export function safeHttpsUrl(s: string): string | undefined {
  let u: URL;
  try {
    u = new URL(s.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return undefined;
  return u.href;
}
