import { displayTitle, paperUrl, plural } from '../format';
import { Section, type SectionState } from './Section';
import type { AuthorGroup } from './types';

/** For each page author the dataset knows: coauthors ranked by joint papers; expand one for the papers. */
export function CoauthorsPanel({ groups, section }: { groups: AuthorGroup[]; section: SectionState }) {
  const withCoauthors = groups.filter((g) => g.coauthors.length > 0);
  return (
    <Section id="coauthors" title="Coauthors" count={withCoauthors.length} {...section}>
      {withCoauthors.length === 0 ? (
        <p class="pa-empty">No coauthors of this page's authors in your dataset.</p>
      ) : (
        withCoauthors.map(({ author, coauthors }) => (
          <div key={author.id} class="pa-author" data-testid="author-group">
            <div class="pa-author-name">{author.name}</div>
            <ul class="pa-coauthors">
              {coauthors.map((c) => (
                <li key={c.id}>
                  <details class="pa-coauthor">
                    <summary>
                      <span>{c.name}</span>{' '}
                      <span class="pa-joint" title={`${plural(c.jointPapers, 'joint paper')} in your dataset`}>
                        {plural(c.jointPapers, 'paper')}
                      </span>
                    </summary>
                    <ul class="pa-joint-papers">
                      {c.papers.map((p) => (
                        <li key={p.id}>
                          <a href={paperUrl(p)}>{displayTitle(p.title)}</a>
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </Section>
  );
}
