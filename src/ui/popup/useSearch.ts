import { useCallback, useRef, useState } from 'preact/hooks';
import { isEmptyQuery, parseQuery } from '../../search/query-syntax';
import type { PopupApi, ResultEntry } from './types';

export type SearchState =
  | { kind: 'idle' }
  /** Only cat:/y:/code: filters: the index needs at least one word to rank by. */
  | { kind: 'needs-words' }
  | { kind: 'results'; input: string; entries: ResultEntry[] }
  | { kind: 'error'; input: string; message: string };

/** Results asked of the background per keystroke (a popup shows about eight; each one costs serialization, validation and rendering per keystroke). */
export const SEARCH_LIMIT = 20;

/**
 * Search as you type. Each keystroke asks the background; an answer that
 * arrives after a newer query was typed is dropped, so results never jump
 * back to an older query. Old results stay on screen until the new ones
 * arrive, so the list does not flicker while typing.
 */
export function useSearch(search: PopupApi['search']) {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const latest = useRef(0);
  const run = useCallback(
    (input: string) => {
      const ticket = ++latest.current;
      const q = parseQuery(input);
      if (isEmptyQuery(q)) return setState({ kind: 'idle' });
      if (q.text === '' && q.filters.author === undefined) return setState({ kind: 'needs-words' });
      // Marks the reply's arrival (ask + background search + reply parse), for
      // the per-keystroke latency report (tests/e2e/popup-dataset.test.ts).
      const sent = performance.now();
      search({ query: q.text, limit: SEARCH_LIMIT, filters: q.filters, phrases: q.phrases }).then(
        (r) => {
          performance.measure('pa-search-reply', { start: sent, detail: input });
          if (ticket === latest.current) setState({ kind: 'results', input, entries: r.hits });
        },
        (e: unknown) => ticket === latest.current && setState({ kind: 'error', input, message: e instanceof Error ? e.message : String(e) }),
      );
    },
    [search],
  );
  return { state, run };
}
