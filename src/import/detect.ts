import { errorMessage } from './issues';
import { gunzip } from './lines';

/**
 * Tells import formats apart by content, not by file name: users rename files
 * and browsers report vague MIME types. Looks at the first few KB only.
 */

export type ImportFormat = 'gzip' | 'jsonl-arxiv' | 'paper-atlas-json' | 'profile-text' | 'unknown';
/** What a stream holds once any gzip layer is removed. */
export type ContentFormat = Exclude<ImportFormat, 'gzip'>;

/** How many bytes detection looks at; enough for a profile's first paper header. */
export const SNIFF_BYTES = 16 * 1024;

// Same shape as the paper header in src/dataset/profile-importer.ts ("LGAug 21,
// 2023", "CVFeb 11, 2021Code"); repeated here because that one is private and
// detection only needs to recognise a header, not parse it.
const PROFILE_HEADER_RE =
  /^[A-Za-z][A-Za-z.-]{0,14}?\s*(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\s*(Code)?$/;
// A native file written by exportDataset starts with the format key; a
// hand-edited one may not, but then it also has a top-level "papers" key,
// which an arXiv record never has.
const NATIVE_FIRST_RE = /^\{\s*"format"\s*:\s*"paper-atlas"/;
const NATIVE_ANY_RE = /"format"\s*:\s*"paper-atlas"/;
const PAPERS_KEY_RE = /"papers"\s*:\s*\[/;

/** NUL or many control characters / decoding failures: not text. */
function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  // eslint-disable-next-line no-control-regex -- control characters are what we look for
  const bad = text.match(/[\uFFFD\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0;
  return bad > Math.max(2, text.length / 100);
}

export function detectFormat(firstBytes: Uint8Array): ImportFormat {
  if (firstBytes[0] === 0x1f && firstBytes[1] === 0x8b) return 'gzip';
  // The slice may end inside a UTF-8 sequence; non-fatal decoding turns that
  // into one U+FFFD, below the binary threshold. The BOM is dropped.
  const text = new TextDecoder().decode(firstBytes).trimStart();
  if (text === '' || looksBinary(text)) return 'unknown';
  if (text.startsWith('{')) {
    if (NATIVE_FIRST_RE.test(text) || (NATIVE_ANY_RE.test(text) && PAPERS_KEY_RE.test(text))) return 'paper-atlas-json';
    const first = text.split('\n', 1)[0] ?? '';
    if (/"id"\s*:/.test(first) && /"(title|authors)"\s*:/.test(first)) return 'jsonl-arxiv';
    return 'unknown';
  }
  // Trailing space or tabs from copy-paste do not matter; the 40-character cap
  // (as in the importer) keeps abstract sentences from counting as headers.
  const isHeader = (l: string) => l.length <= 40 && PROFILE_HEADER_RE.test(l);
  return text.split(/\r?\n/).some((l) => isHeader(l.trim())) ? 'profile-text' : 'unknown';
}

/**
 * Reads at least `min` bytes (or the whole stream if shorter) and returns them
 * together with a stream that still yields every byte, the peeked ones first.
 */
export async function peek(stream: ReadableStream<Uint8Array>, min = SNIFF_BYTES): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < min) {
    const r = await reader.read();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.byteLength;
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.byteLength;
  }
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      if (done) controller.close();
    },
    // A read error (truncated gzip...) rejects pull and so errors this stream.
    async pull(controller) {
      const r = await reader.read();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head: head.subarray(0, Math.min(size, min)), stream: rest };
}

/**
 * Detects the format of a whole stream, removing a gzip layer if there is one
 * and detecting again on the decompressed start. The returned stream is
 * decompressed and starts at byte 0.
 */
export async function sniffStream(stream: ReadableStream<Uint8Array>): Promise<{ format: ContentFormat; gzipped: boolean; stream: ReadableStream<Uint8Array> }> {
  const outer = await peek(stream);
  const format = detectFormat(outer.head);
  if (format !== 'gzip') return { format, gzipped: false, stream: outer.stream };
  let inner: { head: Uint8Array; stream: ReadableStream<Uint8Array> };
  try {
    inner = await peek(gunzip(outer.stream));
  } catch (e) {
    throw new Error(`gzip data is truncated or corrupt: ${errorMessage(e)}`, { cause: e });
  }
  const again = detectFormat(inner.head);
  // gzip inside gzip is not something any exporter writes.
  return { format: again === 'gzip' ? 'unknown' : again, gzipped: true, stream: inner.stream };
}
