import { useState } from 'preact/hooks';
import { displayTitle, paperUrl, year } from '../format';
import { Section, type SectionState } from './Section';
import type { Related } from './types';

const PAGE = 5;

interface Filters {
  hasCode: boolean;
  sameCategory: boolean;
  /** Only papers from the last N years; 0 = any year. */
  years: number;
}

/**
 * Related papers, ranked by the background, filtered and paged here. Each
 * title is a real link, so middle-click and modifier keys behave as links do.
 */
export function RelatedPanel(props: { related: Related[]; category?: string; section: SectionState }) {
  const [filters, setFilters] = useState<Filters>({ hasCode: false, sameCategory: false, years: 0 });
  const [shown, setShown] = useState(PAGE);
  const visible = applyFilters(props.related, filters, props.category);
  const set = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch });
    setShown(PAGE);
  };

  return (
    <Section id="related" title="Related papers" count={props.related.length} {...props.section}>
      {props.related.length > 0 && (
        <div class="pa-filters" role="group" aria-label="Filter related papers">
          <label>
            <input type="checkbox" checked={filters.hasCode} onChange={(e) => set({ hasCode: e.currentTarget.checked })} /> Code
          </label>
          {props.category && (
            <label>
              <input type="checkbox" checked={filters.sameCategory} onChange={(e) => set({ sameCategory: e.currentTarget.checked })} />{' '}
              {props.category}
            </label>
          )}
          <select aria-label="Published within" value={filters.years} onChange={(e) => set({ years: Number(e.currentTarget.value) })}>
            <option value={0}>Any year</option>
            <option value={1}>Last year</option>
            <option value={3}>Last 3 years</option>
            <option value={5}>Last 5 years</option>
          </select>
        </div>
      )}
      {props.related.length === 0 ? (
        <p class="pa-empty">No related papers in your dataset yet.</p>
      ) : visible.length === 0 ? (
        <p class="pa-empty">No related papers match these filters.</p>
      ) : (
        <ol class="pa-list" data-testid="related-list">
          {visible.slice(0, shown).map(({ paper, reasons }) => (
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
      {visible.length > shown && (
        <button type="button" class="pa-more" onClick={() => setShown(shown + PAGE)}>
          Show more ({visible.length - shown})
        </button>
      )}
    </Section>
  );
}

export function applyFilters(related: Related[], f: Filters, category: string | undefined, now = new Date()): Related[] {
  const minYear = f.years > 0 ? now.getFullYear() - f.years : -Infinity;
  return related.filter(
    ({ paper }) =>
      (!f.hasCode || paper.hasCode) &&
      (!f.sameCategory || !category || paper.categories.includes(category)) &&
      Number(paper.date.slice(0, 4)) >= minYear,
  );
}
