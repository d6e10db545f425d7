/**
 * Entry point for callers (the options page): open a user's file as a stream,
 * learn its format, then read it as lines (arXiv JSON lines) or as one text
 * (native JSON, profile text). Everything here is pure web-platform code.
 */
import { sniffStream, type ContentFormat } from './detect';
import { countBytes, readLines, type Line, type ReadLinesOptions } from './lines';

export { detectFormat, sniffStream, peek, type ContentFormat, type ImportFormat } from './detect';
export { countBytes, gunzip, readLines, type Line, type ReadLinesOptions } from './lines';
export { arxivRecordToPaper, importArxivJsonl, ARXIV_SOURCE, type ArxivBatch, type ArxivImportOptions } from './arxiv-jsonl';
export { exportDataset, parseNativeDataset } from './native-json';
export { mergeAuthors, mergePapers, type AuthorMergeResult, type PaperMergeResult } from './merge';

export interface OpenedImport {
  /** Format of the content, after removing any gzip layer. */
  format: ContentFormat;
  gzipped: boolean;
  /** Bytes of the original (possibly compressed) file consumed so far. */
  bytesRead: () => number;
  /** Read the content as lines. Use either lines() or text(), once. */
  lines: () => AsyncGenerator<Line>;
  /** Read the whole content as a string: for native JSON and profile text. */
  text: () => Promise<string>;
}

export async function openImport(stream: ReadableStream<Uint8Array>, opts: Omit<ReadLinesOptions, 'gzip' | 'gzipped'> = {}): Promise<OpenedImport> {
  const counted = countBytes(stream);
  const { format, gzipped, stream: content } = await sniffStream(counted.stream);
  return {
    format,
    gzipped,
    bytesRead: counted.bytesRead,
    // The gzip layer is already removed; `gzipped` only words a read error.
    lines: () => readLines(content, { ...opts, gzipped }),
    text: () => new Response(content).text(),
  };
}
