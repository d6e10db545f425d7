import { memo } from 'preact/compat';
import { displayTitle, year } from '../format';
import { AuthorLine } from './AuthorLine';
import { Highlighted } from './Highlighted';
import { openModeOf, type OpenMode } from './open-mode';
import { ResultDetails } from './ResultDetails';
import { sameEntry } from './row-equality';
import type { PopupApi, ResultEntry } from './types';

export interface ResultItemProps {
  id: string;
  entry: ResultEntry;
  selected: boolean;
  expanded: boolean;
  /** The `au:` filter, to mark the matching author. */
  author?: string;
  details: PopupApi['details'];
  /** The callbacks take the entry so the list can pass the same functions to every row (see memo below). */
  onOpen: (entry: ResultEntry, mode: OpenMode) => void;
  onToggle: (paperId: string) => void;
  onAuthor: (name: string) => void;
}

const sameProps = (a: ResultItemProps, b: ResultItemProps) =>
  a.id === b.id &&
  a.selected === b.selected &&
  a.expanded === b.expanded &&
  a.author === b.author &&
  a.details === b.details &&
  a.onOpen === b.onOpen &&
  a.onToggle === b.onToggle &&
  a.onAuthor === b.onAuthor &&
  sameEntry(a.entry, b.entry);

/**
 * Memoized: a keystroke re-renders only the rows whose data changed (a row
 * that keeps its paper, marks and selection is skipped), which is most of the
 * per-keystroke rendering cost once the first words are typed.
 */
export const ResultItem = memo(ResultItemView, sameProps);

/** One result as a listbox option: a click opens it (Ctrl/⌘ in the background, Shift in a new window). */
function ResultItemView(props: ResultItemProps) {
  const { paper, matchedTerms, reasons } = props.entry;
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.selected}
      aria-expanded={props.expanded}
      class={props.selected ? 'pp-hit pp-active' : 'pp-hit'}
      onClick={(e) => props.onOpen(props.entry, openModeOf(e))}
      onAuxClick={(e) => e.button === 1 && props.onOpen(props.entry, 'background')}
    >
      <div class="pp-title">
        <Highlighted text={displayTitle(paper.title)} terms={matchedTerms} />
      </div>
      <div class="pp-meta">
        <AuthorLine authors={paper.authors} truncated={paper.authorsTruncated} terms={matchedTerms} author={props.author} onAuthor={props.onAuthor} />
      </div>
      <div class="pp-meta pp-row">
        <span>
          {year(paper.date)}
          {paper.categories[0] && ` · ${paper.categories[0]}`}
          {paper.hasCode && <span class="pp-badge">Code</span>}
        </span>
        <button
          type="button"
          tabIndex={-1}
          class="pp-expand"
          aria-expanded={props.expanded}
          onClick={(e) => {
            e.stopPropagation();
            props.onToggle(paper.id);
          }}
        >
          {props.expanded ? 'Less ▴' : 'Abstract & coauthors ▾'}
        </button>
      </div>
      {reasons && reasons.length > 0 && <div class="pp-meta pp-reasons">{reasons.join(' · ')}</div>}
      {props.expanded && <ResultDetails paper={paper} terms={matchedTerms} author={props.author} details={props.details} onAuthor={props.onAuthor} />}
    </li>
  );
}
