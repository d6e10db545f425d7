import { DatasetSchema, type Dataset } from '../dataset/schema';
import { describeIssues, errorMessage } from './issues';

/**
 * Paper Atlas's own file format: the versioned DatasetSchema as JSON. Export
 * and import are exact inverses, so a user can back up, share and restore a
 * dataset without loss.
 */

/**
 * Stable output: keys in schema order (zod's parse output follows the schema,
 * whatever order the objects were built in), unknown keys dropped, top level
 * indented, one author or paper per line. The same dataset always gives the
 * same bytes, diffs show changed records, and `"format"` comes first, which
 * is what detectFormat looks for. Throws if `ds` is not a valid dataset.
 */
export function exportDataset(ds: Dataset): string {
  const checked = DatasetSchema.safeParse(ds);
  if (!checked.success) throw new Error(`not a valid dataset: ${describeIssues(checked.error, ds)}`);
  const { authors, papers, ...head } = checked.data;
  const list = (items: readonly unknown[]) =>
    items.length ? `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]` : '[]';
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  fields.push(`  "authors": ${list(authors)}`, `  "papers": ${list(papers)}`);
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** "papers[7].id: duplicate of papers[2]": the index keys records by id. */
function findDuplicate(kind: 'authors' | 'papers', items: readonly { id: string }[]): string | undefined {
  const at = new Map<string, number>();
  for (const [i, { id }] of items.entries()) {
    const first = at.get(id);
    if (first !== undefined) return `${kind}[${i}].id: duplicate of ${kind}[${first}] (${JSON.stringify(id)})`;
    at.set(id, i);
  }
  return undefined;
}

/**
 * Parses and validates a native dataset file. Throws an Error whose message
 * names the JSON path and the problem, e.g.
 * `papers[3].date: expected YYYY-MM-DD, got "2023/08/21"`.
 */
export function parseNativeDataset(text: string): Dataset {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${errorMessage(e)}`, { cause: e });
  }
  const parsed = DatasetSchema.safeParse(json);
  if (!parsed.success) throw new Error(`not a valid Paper Atlas dataset: ${describeIssues(parsed.error, json)}`);
  const dup = findDuplicate('papers', parsed.data.papers) ?? findDuplicate('authors', parsed.data.authors);
  if (dup) throw new Error(`not a valid Paper Atlas dataset: ${dup}`);
  return parsed.data;
}
