import type { z } from 'zod';

/**
 * Turns zod issues into one line a user can act on: where (a JSON path such as
 * `papers[3].date`), what is wrong, and what was found. Shared by the JSON-lines
 * and native importers so both report problems the same way.
 */

type Path = readonly PropertyKey[];

/** `["papers", 3, "date"]` -> `papers[3].date`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const part of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

/** A short, printable rendering of the offending value. */
function shown(v: unknown): string {
  const s = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function describe(issue: z.ZodError['issues'][number], input: unknown): string {
  const where = formatPath(issue.path);
  // zod's default for a regex is the raw pattern; dates are the common case
  // and "expected YYYY-MM-DD" tells the user what to write instead.
  let what = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_format' && issue.path[issue.path.length - 1] === 'date') what = 'expected YYYY-MM-DD';
  else if (issue.code === 'invalid_type') what = `expected ${issue.expected}`;
  const found = issue.code === 'unrecognized_keys' ? '' : `, got ${shown(valueAt(input, issue.path))}`;
  return `${where}: ${what}${found}`;
}

/** The first `max` issues, `; `-separated, with a count of the rest. */
export function describeIssues(error: z.ZodError, input: unknown, max = 3): string {
  const parts = error.issues.slice(0, max).map((i) => describe(i, input));
  const rest = error.issues.length - max;
  return parts.join('; ') + (rest > 0 ? ` (and ${rest} more)` : '');
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
