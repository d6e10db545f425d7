/**
 * The snapshot a background worker wakes from (src/background/snapshot.ts):
 * what it holds, and the checks that its parts fit one another before a
 * PaperIndex wraps them. Apart from PaperIndex because these checks are the
 * whole of a wake's validation (a snapshot that fails one throws and is
 * rebuilt), read on their own, not between the answers.
 */
import type { AbstractChunks } from './abstract-chunks';
import { authorList, type AuthorColumnsData } from './author-columns';
import { authorPapersFit } from './coauthors';
import { PaperColumns, type PaperColumnsData } from './paper-columns';
import { fromIndexArrays, type IndexArrays } from './index-arrays';
import { IndexLoadError } from './serialize';
import { adoptLookupSlots } from './term-lookup';
import { titleHashesFit } from './title-hashes';

/** Everything an index answers from, as strings and typed arrays (see PaperIndex.snapshot()). */
export interface IndexSnapshotData {
  index: IndexArrays;
  papers: PaperColumnsData;
  authors: AuthorColumnsData;
}

/**
 * Every author-graph node points at an author record or none (-1). A plain
 * loop: TypedArray.some with a callback cost a woken worker ~20 ms over
 * 175k nodes at 1M papers (run before V8 optimizes anything).
 */
function recordsFit(records: Int32Array, count: number): boolean {
  for (let i = 0; i < records.length; i++) if ((records[i] ?? 0) >= count) return false;
  return true;
}

/**
 * The parts of a snapshot, checked (after a structured clone): papers and
 * authors stay columns. Throws IndexLoadError / SnapshotError when an array
 * does not fit or its checksum differs.
 */
export function openSnapshot(data: IndexSnapshotData, abstracts?: AbstractChunks) {
  const papers = PaperColumns.fromData(data.papers, abstracts);
  const authors = authorList(data.authors);
  const { index, stats, graph, derived, postings } = fromIndexArrays(data.index, papers.length);
  if (!recordsFit(graph.records, authors.length)) throw new IndexLoadError('shape', 'author graph points past the author records');
  if (!adoptLookupSlots(index, derived.termSlots)) throw new IndexLoadError('shape', 'term lookup table does not fit the vocabulary');
  const byAuthor = { offsets: derived.authorPaperOffsets, ords: derived.authorPapers };
  if (!authorPapersFit(byAuthor, graph)) throw new IndexLoadError('shape', "authors' papers do not fit the author graph");
  const titles = { hashes: derived.titleHashes, ords: derived.titleHashOrds };
  if (!titleHashesFit(titles, papers.length)) throw new IndexLoadError('shape', 'title hashes do not fit the papers');
  return { papers, authors, index, stats, graph, postings, byAuthor, titles };
}
