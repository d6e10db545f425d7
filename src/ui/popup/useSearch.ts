import { useCallback, useMemo, useState } from 'preact/hooks';
import { isEmptyQuery, parseQuery } from '../../search/query-syntax';
import { LatestOnly } from './latest-only';
import type { PopupApi, ResultEntry, SearchArgs } from './types';

/** Every state names the input it answers (what the list is showing for: the `data-query` of the list). */
export type SearchState =
  | { kind: 'idle'; input: string }
  /** Only cat:/y:/code: filters: the index needs at least one word to rank by. */
  | { kind: 'needs-words'; input: string }
  | { kind: 'results'; input: string; entries: ResultEntry[] }
  | { kind: 'error'; input: string; message: string };

/**
 * Results asked of the background per keystroke. The popup shows the first
 * RESULTS_PAGE (PopupApp) and the rest behind "Show more", which needs no second
 * round trip. Asking for 11 instead would save ~0.1-0.2 ms of copying and
 * validation per keystroke (32 kB vs 18 kB of papers; measured in Node),
 * against a ~10 ms round trip: not worth a second search for "Show more".
 */
export const SEARCH_LIMIT = 20;

/**
 * Search as you type. One search is in flight at a time (LatestOnly): a
 * keystroke typed meanwhile waits for it, and of several such keystrokes only
 * the newest is searched, so the background never works through a backlog of
 * outdated queries. Answers come back in typing order, so results never jump
 * back to an older query. Old results stay on screen until the new ones
 * arrive, so the list does not flicker while typing.
 */
export function useSearch(search: PopupApi['search']) {
  const [state, setState] = useState<SearchState>({ kind: 'idle', input: '' });
  const runner = useMemo(
    () =>
      new LatestOnly(async ({ input, args }: { input: string; args: SearchArgs }) => {
        // Marks the reply's arrival (ask + background search + reply parse), for
        // the per-keystroke latency report (tests/e2e/popup-dataset.test.ts).
        const sent = performance.now();
        const r = await search(args);
        performance.measure('pa-search-reply', { start: sent, detail: input });
        return r;
      }),
    [search],
  );
  const run = useCallback(
    (input: string) => {
      const q = parseQuery(input);
      const now = (s: SearchState) => {
        runner.cancel(); // an answer still on its way is for an older query
        setState(s);
      };
      if (isEmptyQuery(q)) return now({ kind: 'idle', input });
      if (q.text === '' && q.filters.author === undefined) return now({ kind: 'needs-words', input });
      runner.submit({ input, args: { query: q.text, limit: SEARCH_LIMIT, filters: q.filters, phrases: q.phrases } }).then(
        (o) => o.kind === 'done' && setState({ kind: 'results', input, entries: o.value.hits }),
        (e: unknown) => setState({ kind: 'error', input, message: e instanceof Error ? e.message : String(e) }),
      );
    },
    [runner],
  );
  return { state, run };
}
