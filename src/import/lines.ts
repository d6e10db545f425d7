import { errorMessage } from './issues';

/**
 * Streaming line reader for import files. The files are large (the full arXiv
 * snapshot is several GB), so text is decoded chunk by chunk and only the
 * current partial line is kept; the file is never one string in memory.
 * Web streams only, so the same code runs in Node, pages and service workers.
 */

/** `no` is 1-based; `text` has no line terminator. */
export interface Line { no: number; text: string }

export interface ReadLinesOptions {
  /** Decompress the stream as gzip first. */
  gzip?: boolean;
  /** The stream was gunzipped upstream (sniffStream): a read error then names the gzip layer. */
  gzipped?: boolean;
  /**
   * Refuse the file when one line grows beyond this many characters: a binary
   * file without newlines would otherwise be buffered whole. Real metadata
   * lines are a few KB.
   */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1_000_000;

/** Counts the bytes passing through, so callers can show progress against the file size. */
export function countBytes(stream: ReadableStream<Uint8Array>): { stream: ReadableStream<Uint8Array>; bytesRead: () => number } {
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream: stream.pipeThrough(counter), bytesRead: () => bytes };
}

/**
 * DecompressionStream and TextDecoderStream accept BufferSource, which TS 5.9
 * types as not SharedArrayBuffer-backed; plain `Uint8Array` might be. Files,
 * fetch bodies and Blob streams never are, so the cast only restates that.
 */
function asBufferSource(stream: ReadableStream<Uint8Array>): ReadableStream<BufferSource> {
  return stream as unknown as ReadableStream<BufferSource>;
}

export function gunzip(stream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  return asBufferSource(stream).pipeThrough(new DecompressionStream('gzip'));
}

export async function* readLines(stream: ReadableStream<Uint8Array>, opts: ReadLinesOptions = {}): AsyncGenerator<Line> {
  const max = opts.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // Non-fatal decoding: one bad byte sequence becomes U+FFFD in its line (which
  // then fails as JSON and is reported) instead of aborting the whole file.
  const text = asBufferSource(opts.gzip ? gunzip(stream) : stream).pipeThrough(new TextDecoderStream());
  const reader = text.getReader();
  let no = 0;
  let carry = '';
  let finished = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (e) {
        // zlib says "unexpected end of file"; say which file part and where.
        const what = opts.gzip || opts.gzipped ? 'gzip data is truncated or corrupt' : 'could not read the file';
        throw new Error(`${what} (after line ${no}): ${errorMessage(e)}`, { cause: e });
      }
      if (chunk.done) break;
      // Lines are cut from the decoded chunk itself: searching `carry + chunk`
      // would first copy every chunk into a new flat string, and fresh memory
      // is what an import pays most for (a page fault per 4 KB on some machines).
      const text = chunk.value;
      let start = 0;
      let nl = text.indexOf('\n');
      if (carry !== '') {
        if (nl < 0) {
          carry += text;
          if (carry.length > max) throw new Error(`line ${no + 1} is longer than ${max} characters; this is not a line-based text file`);
          continue;
        }
        const line = carry + text.slice(0, nl);
        carry = '';
        yield { no: ++no, text: line.endsWith('\r') ? line.slice(0, -1) : line };
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      for (; nl >= 0; nl = text.indexOf('\n', start)) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl; // CRLF
        yield { no: ++no, text: text.slice(start, end) };
        start = nl + 1;
      }
      carry = text.slice(start);
      if (carry.length > max) throw new Error(`line ${no + 1} is longer than ${max} characters; this is not a line-based text file`);
    }
    finished = true;
    // A last line without a newline still counts; "a\n" has one line, not two.
    if (carry !== '') yield { no: ++no, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
  } finally {
    // The consumer may stop early (break, or an error it threw): free the source.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
