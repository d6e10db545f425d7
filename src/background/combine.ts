import type { Author, Dataset, Paper } from '../dataset/schema';
import { mergeAuthors, mergePapers } from '../import/merge';

/**
 * One atlas out of several datasets: the same paper in two datasets becomes
 * one record that keeps both sources (the import core's mergePapers), authors
 * are merged by normalized name. Datasets are merged oldest first, so the
 * record kept is the one from the dataset imported first, and removing a later
 * dataset never changes the ids of the others' papers.
 */

export interface Combined {
  papers: Paper[];
  authors: Author[];
  /** Per dataset id: how many of its papers were already in an earlier dataset. */
  mergedInto: Map<string, number>;
}

export function combineDatasets(datasets: readonly Dataset[]): Combined {
  const mergedInto = new Map<string, number>();
  let papers: Paper[] = [];
  let authors: Author[] = [];
  for (const d of datasets) {
    if (papers.length === 0) {
      // Nothing to merge with: ids are unique within a dataset (they are its
      // storage keys), so skip mergePapers' title pass over a large dataset.
      papers = [...d.papers];
      authors = [...d.authors];
      mergedInto.set(d.id, 0);
      continue;
    }
    const p = mergePapers(papers, d.papers);
    papers = p.papers;
    authors = mergeAuthors(authors, d.authors).authors;
    mergedInto.set(d.id, p.merged);
  }
  return { papers, authors, mergedInto };
}
