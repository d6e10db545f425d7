import type { z } from 'zod';
import type { MatchSchema } from '../../messaging/protocol';
import { displayAuthors, displayTitle, paperUrl, year } from '../format';
import { Section } from './Section';

type Match = z.infer<typeof MatchSchema>;

const METHOD_LABEL: Record<Match['method'], string> = {
  'arxiv-id': 'matched by arXiv id',
  title: 'matched by title',
  'fuzzy-title': 'matched by a similar title, authors and date',
};

/** The dataset's record for this page, or a plain "not in your dataset" state. */
export function PaperPanel({ match }: { match: Match | null }) {
  if (!match) {
    return (
      <Section id="paper" title="This paper">
        <p class="pa-empty" data-testid="not-in-dataset">
          Not in your dataset. Related papers and known authors below come from its title, abstract and authors.
        </p>
      </Section>
    );
  }
  const { paper } = match;
  const possible = match.confidence < 0.9;
  return (
    <Section id="paper" title="This paper">
      <div class="pa-paper" data-testid="matched-paper">
        <a class="pa-title" href={paperUrl(paper)}>
          {displayTitle(paper.title)}
        </a>
        <div class="pa-meta">{displayAuthors(paper)}</div>
        <div class="pa-meta">
          {year(paper.date)} · {paper.categories.join(', ')}
          {paper.hasCode && <span class="pa-badge">Code</span>}
        </div>
        <div class={possible ? 'pa-how pa-possible' : 'pa-how'}>
          {possible ? 'Possible match' : 'In your dataset'} ({METHOD_LABEL[match.method]})
        </div>
      </div>
    </Section>
  );
}
