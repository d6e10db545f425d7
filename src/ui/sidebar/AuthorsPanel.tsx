import { plural } from '../format';
import { Section, type SectionState } from './Section';
import type { AuthorGroup } from './types';

/**
 * The page's authors that the dataset knows, with the metrics it has for
 * them and, when `onOpenSearch` is given, a button to their papers in the search.
 */
export function AuthorsPanel({ groups, section, onOpenSearch }: { groups: AuthorGroup[]; section: SectionState; onOpenSearch?: (name: string) => void }) {
  return (
    <Section id="authors" title="Authors in your dataset" count={groups.length} {...section}>
      {groups.length === 0 ? (
        <p class="pa-empty">None of this page's authors are in your dataset.</p>
      ) : (
        <ul class="pa-list">
          {groups.map(({ author }) => (
            <li key={author.id} class="pa-item" data-testid="known-author">
              <div class="pa-author-name">{author.name}</div>
              {onOpenSearch && (
                <button type="button" class="pa-author-papers" title={`${author.name}'s papers in the Paper Atlas search`} onClick={() => onOpenSearch(author.name)}>
                  Papers
                </button>
              )}
              {author.metrics ? <Metrics metrics={author.metrics} /> : <div class="pa-meta">No metrics in your dataset.</div>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function Metrics({ metrics }: { metrics: NonNullable<AuthorGroup['author']['metrics']> }) {
  const parts: string[] = [];
  if (metrics.hIndex !== undefined) parts.push(`h-index ${metrics.hIndex}`);
  if (metrics.citations !== undefined) parts.push(`${metrics.citations.toLocaleString('en-US')} citations`);
  if (metrics.papers !== undefined) parts.push(plural(metrics.papers, 'paper'));
  if (metrics.novelty !== undefined) parts.push(`novelty ${metrics.novelty}%`);
  if (metrics.aiScore !== undefined) parts.push(`AI score ${metrics.aiScore}`);
  return <div class="pa-metrics">{parts.join(' · ')}</div>;
}
