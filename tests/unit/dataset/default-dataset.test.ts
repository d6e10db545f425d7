import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET_ID, datasetFromProfile } from '../../../src/dataset/default-dataset';
import { DatasetSchema } from '../../../src/dataset/schema';

const SEED = readFileSync(resolve(__dirname, '../../../assets/seed/samuel-l-smith.txt'), 'utf8');
const OPTS = { id: DEFAULT_DATASET_ID, name: 'Samuel L. Smith (seed)', createdAt: '2024-01-01T00:00:00.000Z' };

describe('datasetFromProfile', () => {
  it('builds a valid dataset from the seed', () => {
    const ds = datasetFromProfile(SEED, OPTS);
    expect(DEFAULT_DATASET_ID).toBe('default');
    expect(DatasetSchema.safeParse(ds).success).toBe(true);
    expect(ds).toMatchObject({ format: 'paper-atlas', version: 1, ...OPTS });
    expect(ds.papers).toHaveLength(19);
    expect(ds.authors).toHaveLength(30);
    expect(ds.authors[0]?.metrics?.citations).toBe(4004);
  });

  it('rejects text that is not a profile', () => {
    expect(() => datasetFromProfile('just some notes\n', OPTS)).toThrow(/Not a profile/);
  });

  it('rejects an empty dataset id', () => {
    expect(() => datasetFromProfile(SEED, { ...OPTS, id: '' })).toThrow();
  });
});
