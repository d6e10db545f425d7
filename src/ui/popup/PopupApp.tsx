import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ResponseFor } from '../../messaging/protocol';
import { parseQuery } from '../../search/query-syntax';
import { displayTitle, paperUrl, plural } from '../format';
import { Footer } from './Footer';
import { openModeOf } from './open-mode';
import { ResultItem } from './ResultItem';
import { StatusLine } from './StatusLine';
import { SyntaxHelp } from './SyntaxHelp';
import type { PopupApi, ResultEntry, TabRelated } from './types';
import { useSearch } from './useSearch';

const NONE: readonly ResultEntry[] = [];
/** Rows painted at first, and added by each "Show more": fewer rows make each keystroke cheaper to render. */
export const RESULTS_PAGE = 10;

/**
 * The popup: search the whole dataset as you type, or — before any typing on
 * an arXiv abstract page — that page's related papers. Keyboard first: the
 * cursor starts in the box, arrows move through the listbox, Enter opens.
 */
export function PopupApp({ api, initialQuery = '' }: { api: PopupApi; initialQuery?: string }) {
  const [input, setInput] = useState(initialQuery);
  // The selected row and the rows shown, for the list `of` which they were chosen; a new list starts
  // at the top with one page, in the same render (no second render and paint after an effect).
  const [pick, setPick] = useState({ of: NONE, active: 0, shown: RESULTS_PAGE });
  const [expanded, setExpanded] = useState<string>();
  const [help, setHelp] = useState(false);
  const [stats, setStats] = useState<ResponseFor<'summary'>>();
  const [tab, setTab] = useState<TabRelated | null>(null);
  const { state, run } = useSearch(api.search);
  const box = useRef<HTMLInputElement>(null);
  const parsed = useMemo(() => parseQuery(input), [input]);

  useEffect(() => {
    api.summary().then(setStats, () => undefined);
    // Related papers are a bonus: no arXiv tab, or a failure, leaves the plain search.
    api.relatedForTab().then(setTab, () => undefined);
  }, [api]);
  // Opened with a query (the sidebar's "Papers" button, popup.html?q=…): search it at once.
  useEffect(() => {
    if (initialQuery) run(initialQuery);
  }, [initialQuery, run]);

  const typing = state.kind !== 'idle';
  const entries: readonly ResultEntry[] = state.kind === 'results' ? state.entries : !typing && tab ? tab.related : NONE;
  // The input whose answer is on screen (results, a hint, an error), also while a newer one is being searched.
  const shownFor = state.input;

  const fresh = pick.of === entries;
  const active = fresh ? pick.active : 0;
  const shown = fresh ? pick.shown : RESULTS_PAGE;
  const setActive = (i: number, rows = shown) => setPick({ of: entries, active: i, shown: rows });
  useEffect(() => setExpanded(undefined), [entries]);
  useEffect(() => {
    document.getElementById(`pp-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, entries]);
  const visible = useMemo(() => entries.slice(0, shown), [entries, shown]);
  const more = entries.length - visible.length;

  // Stable callbacks, the same for every row, so memoized rows skip re-rendering.
  const change = useCallback(
    (value: string) => {
      setInput(value);
      run(value);
    },
    [run],
  );
  const authorSearch = useCallback(
    (name: string) => {
      change(`au:"${name}" `);
      box.current?.focus();
    },
    [change],
  );
  const open = useCallback((entry: ResultEntry, mode: ReturnType<typeof openModeOf>) => api.open(paperUrl(entry.paper), mode), [api]);
  const toggle = useCallback((id: string) => setExpanded((x) => (x === id ? undefined : id)), []);
  // More rows are appended: the selected row keeps its index, so the selection stays on the same result.
  const showMore = () => setActive(active, shown + RESULTS_PAGE);
  const current = visible[active];

  const onKeyDown = (e: KeyboardEvent) => {
    const atEnd = box.current ? box.current.selectionStart === box.current.value.length : true;
    const n = visible.length;
    if (e.key === 'ArrowDown' && n && active === n - 1 && more > 0) {
      setActive(n, shown + RESULTS_PAGE); // down from the last row brings in the next ones
    } else if (e.key === 'ArrowDown' && n) setActive((active + 1) % n);
    else if (e.key === 'ArrowUp' && n) setActive((active - 1 + n) % n);
    else if (e.key === 'Enter' && current) open(current, openModeOf(e));
    else if (e.key === 'ArrowRight' && current && atEnd) setExpanded(current.paper.id);
    else if (e.key === 'ArrowLeft' && expanded !== undefined && atEnd) setExpanded(undefined);
    else if (e.key === 'Escape' && input) change('');
    else return; // not ours: the browser handles it (Escape on an empty box closes the popup)
    e.preventDefault();
  };

  const count = entries.length;
  return (
    <main class="pp">
      <header class="pp-header">
        <span class="pp-brand">◆ Paper Atlas</span>
        <button type="button" class="pp-help-toggle" aria-expanded={help} aria-controls="pp-help" title="Search syntax and keys" onClick={() => setHelp(!help)}>
          ?
        </button>
      </header>
      {help && <SyntaxHelp />}
      <input
        ref={box}
        class="pp-input"
        type="search"
        autoFocus
        spellcheck={false}
        autoComplete="off"
        placeholder="Search titles, authors, abstracts…  au: ti: cat: y: code:"
        aria-label="Search your dataset"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={visible.length > 0}
        aria-controls="pp-results"
        aria-activedescendant={visible.length ? `pp-hit-${active}` : undefined}
        value={input}
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {parsed.errors?.map((m) => (
        <p key={m} class="pp-status pp-warning">
          {m}
        </p>
      ))}
      <StatusLine
        state={state}
        emptyDataset={stats?.papers === 0}
        filtered={Object.keys(parsed.filters).length > 0}
        idleHint={!tab || tab.related.length === 0}
        onRetry={() => run(input)}
        onOptions={api.openOptions}
      />
      {!typing && tab && (
        <h2 class="pp-heading">
          {tab.related.length ? 'Related to this page' : 'Nothing related in your dataset for this page'}
          {!tab.inDataset && ' (not in your dataset; matched by title)'}: <span class="pp-heading-title">{displayTitle(tab.title)}</span>
        </h2>
      )}
      <ul id="pp-results" class="pp-results" role="listbox" tabIndex={-1} aria-label={typing ? 'Search results' : 'Related papers'} data-query={shownFor}>
        {visible.map((entry, i) => (
          <ResultItem
            key={entry.paper.id}
            id={`pp-hit-${i}`}
            entry={entry}
            selected={i === active}
            expanded={expanded === entry.paper.id}
            author={parsed.filters.author}
            details={api.details}
            onOpen={open}
            onToggle={toggle}
            onAuthor={authorSearch}
          />
        ))}
      </ul>
      {more > 0 && (
        <button
          type="button"
          class="pp-more"
          onClick={() => {
            showMore();
            box.current?.focus(); // back to the box, where the arrow keys and Enter work
          }}
        >
          Show {Math.min(more, RESULTS_PAGE)} more
        </button>
      )}
      <p class="pp-sr" aria-live="polite" aria-atomic="true">
        {state.kind === 'results' || (!typing && tab) ? `${plural(count, typing ? 'result' : 'related paper')}` : ''}
      </p>
      <Footer stats={stats} onOptions={api.openOptions} />
    </main>
  );
}
