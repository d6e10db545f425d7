import { normalizeTitle } from '../../index/normalize';

/**
 * Marks the words of `text` that start with a matched term. Works on words
 * (normalized like the index does) and renders text nodes only: no HTML from
 * the dataset ever reaches the DOM.
 */
export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const parts = text.split(/(\s+)/);
  return (
    <>
      {parts.map((part, i) => {
        const word = normalizeTitle(part);
        const hit = word !== '' && terms.some((t) => word.startsWith(t) || t.startsWith(word));
        return hit ? <mark key={i}>{part}</mark> : part;
      })}
    </>
  );
}
