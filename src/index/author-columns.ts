/**
 * Author records as columns (columns.ts), the form the snapshot keeps them
 * in, read back as a lazy array: a woken worker makes an Author object only
 * for the authors an answer names.
 */
import type { Author } from '../dataset/schema';
import { cell, columnChecksum, columnFits, packStrings, storedColumn, type StringColumn } from './columns';
import { CACHE_LIMIT, SnapshotError } from './paper-columns';

/** Author records as columns; metrics and fields (profiles only: few) as a sparse list. */
export interface AuthorColumnsData {
  count: number;
  ids: StringColumn;
  names: StringColumn;
  extras: { ord: number; metrics?: Author['metrics']; field?: string }[];
  checksums: Record<string, number>;
}

export function authorColumns(authors: readonly Author[]): AuthorColumnsData {
  const ids = packStrings(authors.map((a) => a.id));
  const names = packStrings(authors.map((a) => a.name));
  const extras = authors.flatMap((a, ord) =>
    a.metrics !== undefined || a.field !== undefined ? [{ ord, ...(a.metrics ? { metrics: a.metrics } : {}), ...(a.field !== undefined ? { field: a.field } : {}) }] : [],
  );
  return { count: authors.length, ids, names, extras, checksums: { ids: columnChecksum(ids), names: columnChecksum(names) } };
}

/** The columns as a snapshot stores them: strings escaped and one byte per character (columns.ts storedColumn). */
export function storedAuthorColumns(d: AuthorColumnsData): AuthorColumnsData {
  const ids = storedColumn(d.ids);
  const names = storedColumn(d.names);
  return { ...d, ids, names, checksums: { ids: columnChecksum(ids), names: columnChecksum(names) } };
}

/** The records as a lazy read-only array; throws SnapshotError when the columns do not fit. */
export function authorList(data: unknown): readonly Author[] {
  if (typeof data !== 'object' || data === null) throw new SnapshotError('author columns missing');
  const d = data as AuthorColumnsData;
  if (!Number.isInteger(d.count) || !columnFits(d.ids, d.count) || !columnFits(d.names, d.count) || !Array.isArray(d.extras)) {
    throw new SnapshotError('author columns do not fit');
  }
  if (d.checksums?.ids !== columnChecksum(d.ids) || d.checksums.names !== columnChecksum(d.names)) throw new SnapshotError('author columns: checksum mismatch');
  const extras = new Map(d.extras.map((e) => [e.ord, e]));
  const cache = new Map<number, Author>();
  return lazyList(d.count, (ord) => {
    let a = cache.get(ord);
    if (!a) {
      const e = extras.get(ord);
      a = { id: cell(d.ids, ord), name: cell(d.names, ord), ...(e?.metrics ? { metrics: e.metrics } : {}), ...(e?.field !== undefined ? { field: e.field } : {}) };
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(ord, a);
    }
    return a;
  });
}

/**
 * A read-only array whose element i is `at(i)`, computed on access: the
 * modules that take `readonly Paper[]` (match, related, coauthors) read
 * `papers[ord]` for the few ordinals they score, never all of them.
 */
function lazyList<T>(count: number, at: (i: number) => T | undefined): readonly T[] {
  const index = (prop: string | symbol): number => {
    if (typeof prop !== 'string') return -1;
    const c = prop.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(prop);
    return Number.isInteger(i) && i < count ? i : -1;
  };
  return new Proxy([] as T[], {
    get(target, prop, receiver) {
      const i = index(prop);
      if (i >= 0) return at(i);
      if (prop === 'length') return count;
      return Reflect.get(target, prop, receiver) as unknown;
    },
    has(target, prop) {
      return index(prop) >= 0 || Reflect.has(target, prop);
    },
    set() {
      return false;
    },
  });
}
