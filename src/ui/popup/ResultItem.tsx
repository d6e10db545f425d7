import type { ResponseFor } from '../../messaging/protocol';
import { displayAuthors, displayTitle, year } from '../format';
import { Highlighted } from './Highlighted';

type Hit = ResponseFor<'search'>['hits'][number];

/** One search result as a listbox option; a click opens it (Ctrl/⌘-click in the background). */
export function ResultItem(props: { id: string; hit: Hit; selected: boolean; onOpen: (background: boolean) => void }) {
  const { paper, matchedTerms } = props.hit;
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.selected}
      class={props.selected ? 'pp-hit pp-active' : 'pp-hit'}
      onClick={(e) => props.onOpen(e.ctrlKey || e.metaKey)}
      onAuxClick={(e) => e.button === 1 && props.onOpen(true)}
    >
      <div class="pp-title">
        <Highlighted text={displayTitle(paper.title)} terms={matchedTerms} />
      </div>
      <div class="pp-meta">
        <Highlighted text={displayAuthors(paper, 3)} terms={matchedTerms} />
      </div>
      <div class="pp-meta">
        {year(paper.date)} · {paper.categories[0] ?? ''}
        {paper.hasCode && <span class="pp-badge">Code</span>}
      </div>
    </li>
  );
}
