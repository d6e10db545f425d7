import { safeHttpsUrl } from '../../arxiv/links';
import { displayAuthors, displayTitle, paperUrl, year } from '../format';
import { Section, type SectionState } from './Section';
import type { Match } from './types';

const METHOD_LABEL: Record<string, string> = {
  'arxiv-id': 'matched by arXiv id',
  title: 'matched by title',
  'fuzzy-title': 'matched by a similar title, authors and date',
};

/** Below this the sidebar says "possible match" instead of asserting it. */
export const CONFIDENT = 0.9;

/** The dataset's record for this page, or a plain "not in your dataset" state. */
export function PaperPanel({ match, section }: { match: Match | null; section: SectionState }) {
  if (!match) {
    return (
      <Section id="paper" title="This paper" {...section}>
        <p class="pa-empty" data-testid="not-in-dataset">
          Not in your dataset. Related papers and known authors below come from its title, abstract and authors.
        </p>
      </Section>
    );
  }
  const { paper } = match;
  const possible = match.confidence < CONFIDENT;
  const code = paper.codeUrl ? safeHttpsUrl(paper.codeUrl) : undefined;
  return (
    <Section id="paper" title={possible ? 'Possible match' : 'This paper'} {...section}>
      <div class="pa-paper" data-testid="matched-paper">
        <a class="pa-title" href={paperUrl(paper)}>
          {displayTitle(paper.title)}
        </a>
        <div class="pa-meta">{displayAuthors(paper)}</div>
        <div class="pa-meta">
          {year(paper.date)} · {paper.categories.join(', ')}
          {paper.hasCode &&
            (code ? (
              <a class="pa-badge" href={code} target="_blank" rel="noopener noreferrer">
                Code
              </a>
            ) : (
              <span class="pa-badge">Code</span>
            ))}
        </div>
        <div class={possible ? 'pa-how pa-possible' : 'pa-how'}>
          {possible ? `Possible match, ${Math.round(match.confidence * 100)}% confident` : 'In your dataset'} (
          {METHOD_LABEL[match.method] ?? match.method})
        </div>
        {paper.sources.length > 0 && <div class="pa-meta">From: {paper.sources.map(sourceLabel).join(', ')}</div>}
      </div>
    </Section>
  );
}

/** "profile:samuel-l-smith" → "profile samuel-l-smith"; unknown forms shown as they are. */
function sourceLabel(source: string): string {
  return source.replace(/^(\w[\w-]*):/, '$1 ');
}
