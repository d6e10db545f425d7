import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countBytes, readLines, type Line } from '../../../src/import/lines';
import { openImport } from '../../../src/import/index';

const FIX = resolve(__dirname, '../../fixtures/metadata');
const enc = new TextEncoder();

/** A stream delivering exactly these chunks, to test splits at awkward places. */
function chunked(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return chunkedList(chunks);
}

function chunkedList(chunks: readonly (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const ch of chunks) c.enqueue(typeof ch === 'string' ? enc.encode(ch) : ch);
      c.close();
    },
  });
}

async function all(gen: AsyncIterable<Line>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of gen) out.push(l);
  return out;
}

describe('readLines', () => {
  it('numbers lines from 1, handles CRLF and a last line without newline', async () => {
    const lines = await all(readLines(chunked('a\r\nb\n\nc')));
    expect(lines).toEqual([{ no: 1, text: 'a' }, { no: 2, text: 'b' }, { no: 3, text: '' }, { no: 4, text: 'c' }]);
  });

  it('a trailing newline does not make an extra line; empty input has none', async () => {
    expect(await all(readLines(chunked('a\n')))).toEqual([{ no: 1, text: 'a' }]);
    expect(await all(readLines(chunked('')))).toEqual([]);
  });

  it('joins lines, CRLF pairs and UTF-8 characters split across chunks', async () => {
    const bytes = enc.encode('Gülçehre\r\nΣ');
    // split inside "ü" (2 bytes), between \r and \n, and inside "Σ"
    const parts = [bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9, 10), bytes.subarray(10, 12), bytes.subarray(12)];
    expect(await all(readLines(chunked(...parts)))).toEqual([{ no: 1, text: 'Gülçehre' }, { no: 2, text: 'Σ' }]);
  });

  it('gives the same lines however the text is cut into chunks (lines across several chunks, a newline first in one)', async () => {
    const first20 = readFileSync(resolve(FIX, 'first-100.jsonl'), 'utf8').split('\n').slice(0, 20).join('\n');
    const text = `${first20}\r\nlast\r\n\n`;
    const expected = text.split('\n').slice(0, -1).map((t, i) => ({ no: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
    const bytes = enc.encode(text);
    for (const size of [3, 7, 100, 1000, 4096, 65536]) {
      const parts: Uint8Array[] = [];
      for (let at = 0; at < bytes.byteLength; at += size) parts.push(bytes.subarray(at, at + size));
      expect(await all(readLines(chunkedList(parts)))).toEqual(expected);
    }
  });

  it('gives the same lines from the gzip and the plain slice, and counts compressed bytes', async () => {
    const plain = readFileSync(resolve(FIX, 'first-100.jsonl'));
    const gz = readFileSync(resolve(FIX, 'first-100.jsonl.gz'));
    const fromPlain = await all(readLines(chunked(plain)));
    const counted = countBytes(chunked(gz.subarray(0, 1000), gz.subarray(1000)));
    const fromGz = await all(readLines(counted.stream, { gzip: true }));
    expect(fromPlain).toHaveLength(100);
    expect(fromGz).toEqual(fromPlain);
    expect(counted.bytesRead()).toBe(gz.byteLength);
  });

  it('a gzip file truncated mid-stream fails with a clear error after the good lines', async () => {
    const gz = readFileSync(resolve(FIX, 'first-100.jsonl.gz'));
    const got: Line[] = [];
    const run = async () => {
      for await (const l of readLines(chunked(gz.subarray(0, gz.byteLength / 2)), { gzip: true })) got.push(l);
    };
    await expect(run()).rejects.toThrow(/^gzip data is truncated or corrupt \(after line \d+\): unexpected end of file/);
    expect(got.length).toBeGreaterThan(10);
    expect(got.length).toBeLessThan(100);
  });

  it('openImport: a truncated gzip file read as lines says the gzip data is truncated', async () => {
    const gz = readFileSync(resolve(FIX, 'first-100.jsonl.gz'));
    const file = await openImport(chunked(gz.subarray(0, gz.byteLength / 2)));
    expect(file).toMatchObject({ format: 'jsonl-arxiv', gzipped: true });
    let got = 0;
    const run = async () => {
      for await (const l of file.lines()) got = l.no;
    };
    await expect(run()).rejects.toThrow(/^gzip data is truncated or corrupt \(after line \d+\): /);
    expect(got).toBeGreaterThan(10);
  });

  it('refuses a line longer than maxLineLength instead of buffering it', async () => {
    const run = () => all(readLines(chunked('ok\n', 'x'.repeat(600), 'x'.repeat(600)), { maxLineLength: 1000 }));
    await expect(run()).rejects.toThrow('line 2 is longer than 1000 characters');
  });

  it('cancels the source when the consumer stops early', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(enc.encode('line\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const l of readLines(source)) if (l.no === 3) break;
    expect(cancelled).toBe(true);
  });
});
