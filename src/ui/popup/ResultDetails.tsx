import { useEffect, useState } from 'preact/hooks';
import type { ResponseFor } from '../../messaging/protocol';
import type { Paper } from '../../dataset/schema';
import { AuthorLine } from './AuthorLine';
import type { PopupApi } from './types';

type Details = ResponseFor<'paper-details'>;

/** Coauthors listed per author in the expanded view. */
const COAUTHORS_SHOWN = 5;

/**
 * The expanded part of a result: the abstract, every author, and whom they
 * often write with. Related papers come without abstracts (the sidebar shows
 * none): theirs arrives with the details.
 */
export function ResultDetails(props: { paper: Paper; terms: readonly string[]; author?: string; details: PopupApi['details']; onAuthor: (name: string) => void }) {
  const { paper } = props;
  const [details, setDetails] = useState<Details | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    props.details(paper.id).then(
      (r) => live && setDetails(r),
      () => live && setDetails('failed'),
    );
    return () => {
      live = false;
    };
  }, [paper.id, props.details]);

  const groups = typeof details === 'object' ? details.coauthors : details;
  const abstract = paper.abstract || (details === 'loading' ? 'Loading abstract…' : typeof details === 'object' && details.abstract) || 'No abstract in the dataset.';
  return (
    <div class="pp-details" onClick={(e) => e.stopPropagation()}>
      <p class="pp-abstract">{abstract}</p>
      {paper.authors.length > 3 && (
        <p class="pp-meta">
          All authors: <AuthorLine authors={paper.authors} truncated={paper.authorsTruncated} terms={props.terms} author={props.author} max={50} onAuthor={props.onAuthor} />
        </p>
      )}
      {groups === 'loading' && <p class="pp-meta">Loading coauthors…</p>}
      {groups === 'failed' && <p class="pp-meta">Coauthors could not be loaded.</p>}
      {Array.isArray(groups) &&
        groups
          .filter((g) => g.coauthors.length > 0)
          .map((g) => (
            <p key={g.author.id} class="pp-meta pp-coauthors">
              {g.author.name} often writes with:{' '}
              {g.coauthors.slice(0, COAUTHORS_SHOWN).map((c, i) => (
                <span key={c.id}>
                  {i > 0 && ', '}
                  <button type="button" tabIndex={-1} class="pp-author" title={`Papers by ${c.name}`} onClick={() => props.onAuthor(c.name)}>
                    {c.name}
                  </button>{' '}
                  ({c.jointPapers})
                </span>
              ))}
            </p>
          ))}
      {Array.isArray(groups) && groups.every((g) => g.coauthors.length === 0) && <p class="pp-meta">No coauthors of these authors in your dataset.</p>}
    </div>
  );
}
