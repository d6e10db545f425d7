/** The query syntax, documented where it is used (src/search/query-syntax.ts implements it). */
const ROWS: readonly [string, string][] = [
  ['au:smith  au:"soham de"', 'author (initials and surnames work)'],
  ['ti:diffusion  ti:"neural ode"', 'words or a phrase in the title'],
  ['cat:cs.LG  cat:stat', 'category, or a whole archive'],
  ['y:2021  y:2020-2023  y:2022-', 'publication year or range'],
  ['code:yes  code:no', 'with / without a code link'],
  ['"implicit bias"', 'exact phrase'],
  ['plain words', 'title, authors and abstract'],
];

const KEYS: readonly [string, string][] = [
  ['↑ ↓', 'move (↓ on the last row shows more)'],
  ['Enter', 'open in a new tab'],
  ['Ctrl/⌘+Enter', 'open in the background'],
  ['Shift+Enter', 'open in a new window'],
  ['→ / ←', 'show / hide abstract and coauthors'],
  ['Esc', 'clear'],
];

export function SyntaxHelp() {
  return (
    <section id="pp-help" class="pp-help" aria-label="Search syntax">
      <dl>
        {ROWS.map(([code, what]) => (
          <div key={code} class="pp-help-row">
            <dt>
              <code>{code}</code>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p class="pp-meta">
        {KEYS.map(([k, what], i) => (
          <span key={k}>
            {i > 0 && ' · '}
            <kbd>{k}</kbd> {what}
          </span>
        ))}
      </p>
    </section>
  );
}
