import type { SearchState } from './useSearch';

export interface StatusLineProps {
  state: SearchState;
  /** The dataset has no papers at all. */
  emptyDataset: boolean;
  /** The query uses filters (for the "no results" hint). */
  filtered: boolean;
  /** Shown before typing when the active tab's related papers are not. */
  idleHint: boolean;
  onRetry: () => void;
  onOptions: () => void;
}

/** The one line that says what is (not) happening, each with a way forward. */
export function StatusLine(p: StatusLineProps) {
  const importLink = (label: string) => (
    <button type="button" class="pp-link" onClick={p.onOptions}>
      {label}
    </button>
  );
  const { state } = p;
  if (state.kind === 'error')
    return (
      <p class="pp-status pp-error" role="alert">
        Search failed: {state.message}{' '}
        <button type="button" class="pp-link" onClick={p.onRetry}>
          Try again
        </button>
      </p>
    );
  if (p.emptyDataset)
    return (
      <p class="pp-status" role="status">
        Your dataset is empty. {importLink('Import papers')} to search them here.
      </p>
    );
  if (state.kind === 'needs-words')
    return (
      <p class="pp-status" role="status">
        Add a word to search within these filters, e.g. <code>cat:cs.LG diffusion</code>.
      </p>
    );
  if (state.kind === 'results' && state.entries.length === 0)
    return (
      <p class="pp-status" role="status">
        No papers match “{state.input.trim()}”. {p.filtered ? 'Remove a filter, check' : 'Check'} the spelling, or {importLink('import more papers')}.
      </p>
    );
  if (state.kind === 'idle' && p.idleHint) return <p class="pp-status">Type a title, an author or a topic — or use the syntax under “?”.</p>;
  return null;
}
