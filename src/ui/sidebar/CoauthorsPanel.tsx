import { useState } from 'preact/hooks';
import { displayTitle, paperUrl, plural } from '../format';
import { Section, type SectionState } from './Section';
import type { AuthorGroup } from './types';

type Coauthor = AuthorGroup['coauthors'][number];

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
                  <CoauthorRow coauthor={c} />
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </Section>
  );
}

/**
 * One coauthor; the joint papers are rendered once the row is first opened.
 * They are most of the sidebar (often 80% of its elements, all in closed
 * rows), and building them while the page waits for its sidebar delayed
 * every page for lists few readers open. A click on the summary (mouse,
 * Enter or Space) renders them before the row opens, so it never opens
 * empty; the toggle event covers rows opened otherwise (find in page).
 */
function CoauthorRow({ coauthor: c }: { coauthor: Coauthor }) {
  const [opened, setOpened] = useState(false);
  const open = () => setOpened(true);
  return (
    <details class="pa-coauthor" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && open()}>
      <summary onClick={open}>
        <span>{c.name}</span>{' '}
        <span class="pa-joint" title={`${plural(c.jointPapers, 'joint paper')} in your dataset`}>
          {plural(c.jointPapers, 'paper')}
        </span>
      </summary>
      {opened && (
        <ul class="pa-joint-papers">
          {c.papers.map((p) => (
            <li key={p.id}>
              <a href={paperUrl(p)}>{displayTitle(p.title)}</a>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
