import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromProfile } from '../../../src/dataset/default-dataset';
import { detectFormat, sniffStream, SNIFF_BYTES } from '../../../src/import/detect';
import { openImport } from '../../../src/import/index';
import { exportDataset } from '../../../src/import/native-json';

const ROOT = resolve(__dirname, '../../..');
const FIX = resolve(ROOT, 'tests/fixtures/metadata');
const SEED = readFileSync(resolve(ROOT, 'assets/seed/samuel-l-smith.txt'));
const PLAIN = readFileSync(resolve(FIX, 'first-100.jsonl'));
const GZ = readFileSync(resolve(FIX, 'first-100.jsonl.gz'));
const enc = new TextEncoder();
const head = (b: Uint8Array) => b.subarray(0, SNIFF_BYTES);
const streamOf = (b: Uint8Array) => new Blob([new Uint8Array(b)]).stream(); // copy: Blob wants a non-shared buffer

/** Deterministic junk bytes (an LCG), so a failure is reproducible. */
function junk(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

async function gzip(b: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(streamOf(b).pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

const native = enc.encode(exportDataset(datasetFromProfile(SEED.toString('utf8'), { id: 'd', name: 'Seed', createdAt: '2024-01-01T00:00:00.000Z' })));

describe('detectFormat', () => {
  it('recognises each format from its first bytes', () => {
    expect(detectFormat(head(GZ))).toBe('gzip');
    expect(detectFormat(head(PLAIN))).toBe('jsonl-arxiv');
    expect(detectFormat(head(native))).toBe('paper-atlas-json');
    expect(detectFormat(head(SEED))).toBe('profile-text');
  });

  it('reads only as much as it gets: a cut first line and a BOM still detect', () => {
    expect(detectFormat(PLAIN.subarray(0, 120))).toBe('jsonl-arxiv');
    expect(detectFormat(new Uint8Array([0xef, 0xbb, 0xbf, ...PLAIN.subarray(0, 200)]))).toBe('jsonl-arxiv');
  });

  it('tells a one-line native file (format not first) from an arXiv line', () => {
    const oneLine = enc.encode('{"id":"x","name":"X","format":"paper-atlas","version":1,"papers":[{"id":"p","title":"T"}]}');
    expect(detectFormat(oneLine)).toBe('paper-atlas-json');
  });

  it('says unknown for junk, empty input, other JSON and plain prose', () => {
    expect(detectFormat(junk(4096))).toBe('unknown');
    expect(detectFormat(new Uint8Array())).toBe('unknown');
    expect(detectFormat(enc.encode('{"name": "package", "version": "1.0.0"}\n'))).toBe('unknown');
    expect(detectFormat(enc.encode('[{"id": "1", "title": "x"}]'))).toBe('unknown');
    expect(detectFormat(enc.encode('Dear reviewers,\nwe met on Aug 21, 2023 to discuss the paper.\n'))).toBe('unknown');
  });
});

describe('sniffStream / openImport', () => {
  it('detects again after gunzip and hands back the whole decompressed content', async () => {
    const s = await sniffStream(streamOf(GZ));
    expect(s).toMatchObject({ format: 'jsonl-arxiv', gzipped: true });
    expect(Buffer.from(await new Response(s.stream).arrayBuffer()).equals(PLAIN)).toBe(true);
  });

  it('works for every format, plain and gzipped', async () => {
    for (const [bytes, format] of [[PLAIN, 'jsonl-arxiv'], [native, 'paper-atlas-json'], [SEED, 'profile-text']] as const) {
      for (const b of [bytes, await gzip(bytes)]) {
        const opened = await openImport(streamOf(b));
        expect(opened.format).toBe(format);
        expect(await opened.text()).toBe(Buffer.from(bytes).toString('utf8'));
        expect(opened.bytesRead()).toBe(b.byteLength);
      }
    }
  });

  it('gzipped junk is unknown; junk with a gzip header is a clear error', async () => {
    expect((await sniffStream(streamOf(await gzip(junk(50_000))))).format).toBe('unknown');
    const fake = new Uint8Array([0x1f, 0x8b, ...junk(100)]);
    await expect(sniffStream(streamOf(fake))).rejects.toThrow(/^gzip data is truncated or corrupt/);
  });
});
