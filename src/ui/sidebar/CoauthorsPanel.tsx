import type { z } from 'zod';
import type { AuthorCoauthorsSchema } from '../../messaging/protocol';
import { plural } from '../format';
import { Section } from './Section';

type AuthorCoauthors = z.infer<typeof AuthorCoauthorsSchema>;

/** For each page author the dataset knows: their metrics and coauthors by joint papers. */
export function CoauthorsPanel({ groups }: { groups: AuthorCoauthors[] }) {
  return (
    <Section id="coauthors" title="Coauthors" count={groups.length}>
      {groups.length === 0 ? (
        <p class="pa-empty">None of this page's authors are in your dataset.</p>
      ) : (
        groups.map(({ author, coauthors }) => (
          <div key={author.id} class="pa-author" data-testid="author-group">
            <div class="pa-author-name">{author.name}</div>
            {author.metrics && <Metrics metrics={author.metrics} />}
            {coauthors.length === 0 ? (
              <p class="pa-empty">No coauthors recorded.</p>
            ) : (
              <ul class="pa-coauthors">
                {coauthors.map((c) => (
                  <li key={c.id}>
                    <span>{c.name}</span>{' '}
                    <span class="pa-joint" title={`${plural(c.jointPapers, 'joint paper')} in your dataset`}>
                      {plural(c.jointPapers, 'paper')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))
      )}
    </Section>
  );
}

function Metrics({ metrics }: { metrics: NonNullable<AuthorCoauthors['author']['metrics']> }) {
  const parts: string[] = [];
  if (metrics.hIndex !== undefined) parts.push(`h-index ${metrics.hIndex}`);
  if (metrics.citations !== undefined) parts.push(`${metrics.citations.toLocaleString('en-US')} citations`);
  if (metrics.papers !== undefined) parts.push(plural(metrics.papers, 'paper'));
  if (metrics.novelty !== undefined) parts.push(`novelty ${metrics.novelty}%`);
  if (metrics.aiScore !== undefined) parts.push(`AI score ${metrics.aiScore}`);
  return <div class="pa-metrics">{parts.join(' · ')}</div>;
}
