import { parseProfile } from './profile-importer';
import { DATASET_FORMAT, DATASET_VERSION, DatasetSchema, type Dataset } from './schema';

/** Id of the dataset built from the bundled seed profile on first run. */
export const DEFAULT_DATASET_ID = 'default';

/**
 * Build a dataset from profile text. Pure on purpose: the caller (the
 * background) imports the seed with Vite's `?raw` and passes the text, so this
 * module stays testable in Node and does not bundle the asset twice.
 * Import problems are not fatal here (the importer already kept everything it
 * could place); callers that want to show them should call parseProfile.
 * Throws if the text is not a profile at all or the result fails DatasetSchema.
 */
export function datasetFromProfile(text: string, opts: { id: string; name: string; createdAt: string }): Dataset {
  const { papers, authors } = parseProfile(text);
  return DatasetSchema.parse({
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    id: opts.id,
    name: opts.name,
    createdAt: opts.createdAt,
    authors,
    papers,
  });
}
