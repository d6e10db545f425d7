import { useEffect, useState } from 'preact/hooks';
import { displayTitle, paperUrl, plural } from '../format';
import { Section, type SectionState } from './Section';
import type { AuthorGroup } from './types';

type Coauthor = AuthorGroup['coauthors'][number];

/**
 * For each page author the dataset knows: coauthors ranked by joint papers;
 * expand one for the papers.
 *
 * The rows come right after the sidebar's first paint (useEffect runs after
 * it), not in it. The panel is the last and the longest, below the window's
 * fold on nearly every page, and its rows were about a third of the
 * sidebar's rendering before the page could paint: building them first made
 * every sidebar later for lines a reader scrolls to. Until they are in, each
 * list says aria-busy; the panel's header and count are there already.
 */
export function CoauthorsPanel({ groups, section }: { groups: AuthorGroup[]; section: SectionState }) {
  const withCoauthors = groups.filter((g) => g.coauthors.length > 0);
  const [rowsIn, setRowsIn] = useState(false);
  useEffect(() => setRowsIn(true), []);
  return (
    <Section id="coauthors" title="Coauthors" count={withCoauthors.length} {...section}>
      {withCoauthors.length === 0 ? (
        <p class="pa-empty">No coauthors of this page's authors in your dataset.</p>
      ) : (
        withCoauthors.map(({ author, coauthors }) => (
          <div key={author.id} class="pa-author" data-testid="author-group">
            <div class="pa-author-name">{author.name}</div>
            <ul class="pa-coauthors" aria-busy={rowsIn ? undefined : 'true'}>
              {(rowsIn ? coauthors : []).map((c) => (
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
 * One coauthor: a disclosure button (aria-expanded) whose joint papers are
 * rendered once it is opened. The rows are most of the sidebar's elements,
 * and a <details> per row cost the page about 7 ms of rendering before its
 * first paint (measured cold, in a fresh page): each carries its own shadow
 * tree and marker box. A button toggles from the mouse and, with Enter or
 * Space, from the keyboard.
 */
function CoauthorRow({ coauthor: c }: { coauthor: Coauthor }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button type="button" class="pa-coauthor" aria-expanded={opened} onClick={() => setOpened(!opened)}>
        <span class="pa-coauthor-name">{c.name}</span>{' '}
        <span class="pa-joint" title={`${plural(c.jointPapers, 'joint paper')} in your dataset`}>
          {plural(c.jointPapers, 'paper')}
        </span>
      </button>
      {opened && (
        <ul class="pa-joint-papers">
          {c.papers.map((p) => (
            <li key={p.id}>
              <a href={paperUrl(p)}>{displayTitle(p.title)}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
