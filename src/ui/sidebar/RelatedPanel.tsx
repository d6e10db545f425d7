import type { z } from 'zod';
import type { RelatedSchema } from '../../messaging/protocol';
import { displayTitle, paperUrl, year } from '../format';
import { Section } from './Section';

type Related = z.infer<typeof RelatedSchema>;

/** Related papers from the dataset; each is a real link, so middle-click and modifiers work. */
export function RelatedPanel({ related }: { related: Related[] }) {
  return (
    <Section id="related" title="Related papers" count={related.length}>
      {related.length === 0 ? (
        <p class="pa-empty">No related papers in your dataset yet.</p>
      ) : (
        <ol class="pa-list" data-testid="related-list">
          {related.map(({ paper, reasons }) => (
            <li key={paper.id} class="pa-item">
              <a class="pa-title" href={paperUrl(paper)}>
                {displayTitle(paper.title)}
              </a>
              <div class="pa-meta">
                {year(paper.date)} · {paper.categories[0] ?? ''}
                {paper.hasCode && <span class="pa-badge">Code</span>}
              </div>
              {reasons.length > 0 && <div class="pa-reasons">{reasons.join(' · ')}</div>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
