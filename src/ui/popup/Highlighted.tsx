import { normalizeTitle } from '../../index/normalize';

/**
 * Marks the words of `text` that are matched index terms. `terms` are whole
 * index terms (the index expands a typed prefix to the terms it found), so a
 * word is marked when one of its normalized parts equals a term: "Large-Scale"
 * for "scale", never "Deep" for "de". Text nodes only: no HTML from the
 * dataset ever reaches the DOM.
 */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const wanted = new Set(terms);
  const parts = text.split(/(\s+)/);
  return (
    <>
      {parts.map((part, i) => {
        const hit = normalizeTitle(part)
          .split(' ')
          .some((w) => w !== '' && wanted.has(w));
        return hit ? <mark key={i}>{part}</mark> : part;
      })}
    </>
  );
}
