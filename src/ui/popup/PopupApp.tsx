import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResponseFor } from '../../messaging/protocol';
import { paperUrl } from '../format';
import { ResultItem } from './ResultItem';

type Hits = ResponseFor<'search'>['hits'];
type Summary = ResponseFor<'summary'>;

export interface PopupAppProps {
  search: (query: string) => Promise<ResponseFor<'search'>>;
  summary: () => Promise<Summary>;
  /** Opens a URL in a new tab; `background` keeps the popup's tab in front. */
  open: (url: string, background: boolean) => void;
}

/**
 * Search as you type. Each keystroke asks the background; an answer that
 * arrives after a newer query was typed is dropped, so results never jump
 * back to an older query.
 */
export function PopupApp({ search, summary, open }: PopupAppProps) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hits>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string>();
  const [stats, setStats] = useState<Summary>();
  const latest = useRef(0);

  useEffect(() => {
    summary().then(setStats, () => undefined);
  }, [summary]);

  const onInput = (value: string) => {
    setQuery(value);
    const ticket = ++latest.current;
    if (!value.trim()) {
      setHits([]);
      setError(undefined);
      return;
    }
    search(value).then(
      (r) => {
        if (ticket !== latest.current) return; // stale answer
        setHits(r.hits);
        setActive(0);
        setError(undefined);
      },
      (e: unknown) => ticket === latest.current && setError(e instanceof Error ? e.message : String(e)),
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setActive((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setActive((active - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      open(paperUrl(hits[active].paper), e.ctrlKey || e.metaKey);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      onInput('');
    }
  };

  const empty = stats && stats.papers === 0;
  return (
    <main class="pp">
      <header class="pp-header">
        <span class="pp-brand">◆ Paper Atlas</span>
      </header>
      <input
        class="pp-input"
        type="search"
        autoFocus
        placeholder="Search titles, authors, abstracts…"
        aria-label="Search your dataset"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="pp-results"
        aria-activedescendant={hits.length ? `pp-hit-${active}` : undefined}
        value={query}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p class="pp-status pp-error" role="alert">
          Search failed: {error}
        </p>
      )}
      {!error && query.trim() && hits.length === 0 && (
        <p class="pp-status" role="status">
          No papers match “{query.trim()}”.
        </p>
      )}
      {!query.trim() && (
        <p class="pp-status">{empty ? 'Your dataset is empty.' : 'Type part of a title or an author’s name.'}</p>
      )}
      <ul id="pp-results" class="pp-results" role="listbox" aria-label="Results">
        {hits.map((hit, i) => (
          <ResultItem
            key={hit.paper.id}
            id={`pp-hit-${i}`}
            hit={hit}
            selected={i === active}
            onOpen={(background) => open(paperUrl(hit.paper), background)}
          />
        ))}
      </ul>
      <footer class="pp-footer">
        {stats ? `${stats.papers.toLocaleString('en-US')} papers · ${stats.authors.toLocaleString('en-US')} authors · ${stats.datasets.length} dataset${stats.datasets.length === 1 ? '' : 's'}` : '…'}
      </footer>
    </main>
  );
}
