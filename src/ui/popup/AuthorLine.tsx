import { nameMatches } from '../../search/name-match';
import { Highlighted } from './Highlighted';

/** Authors shown on a collapsed result before "et al.". */
const SHOWN = 3;

/**
 * A result's authors; each name runs an author search. The name matching the
 * `au:` filter is marked as a whole — and shown even when it is far down a
 * long author list — other names get their matched words marked.
 */
export function AuthorLine(props: {
  authors: readonly string[];
  truncated: boolean;
  terms: readonly string[];
  author?: string;
  max?: number;
  onAuthor: (name: string) => void;
}) {
  const { authors, author } = props;
  const max = props.max ?? SHOWN;
  const matchAt = author === undefined ? -1 : authors.findIndex((n) => nameMatches(n, author));
  const shown = authors.slice(0, max).map((name, i) => ({ name, i }));
  if (matchAt >= max) shown.push({ name: authors[matchAt] ?? '', i: matchAt });
  const more = authors.length > shown.length || props.truncated;
  return (
    <span class="pp-authors">
      {shown.map(({ name, i }, k) => (
        <span key={i}>
          {k > 0 && (i === matchAt && matchAt >= max ? ', …, ' : ', ')}
          <button
            type="button"
            tabIndex={-1}
            class="pp-author"
            title={`Papers by ${name}`}
            onClick={(e) => {
              e.stopPropagation(); // not a click on the result itself
              props.onAuthor(name);
            }}
          >
            {i === matchAt ? <mark>{name}</mark> : <Highlighted text={name} terms={props.terms} />}
          </button>
        </span>
      ))}
      {more && ' et al.'}
    </span>
  );
}
