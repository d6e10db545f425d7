/** Tiny HTML helpers for the generated test pages (no DOM in Node). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the entities arXiv uses in attribute values (&amp; &#39; &#x27; ...). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** All `content` values of `<meta name="<name>" content="...">` in document order, decoded. */
export function metaContents(html: string, name: string): string[] {
  const out: string[] = [];
  const re = /<meta\s+([^>]*?)\/?>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const attrs = m[1] ?? '';
    const n = /(?:name|property)\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    if (n !== name) continue;
    const c = /content\s*=\s*"([^"]*)"/i.exec(attrs)?.[1];
    if (c !== undefined) out.push(decodeEntities(c).trim());
  }
  return out;
}
