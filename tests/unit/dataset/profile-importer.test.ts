import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../src/dataset/profile-importer';
import { AuthorSchema, PaperSchema } from '../../../src/dataset/schema';

const SEED = readFileSync(resolve(__dirname, '../../../assets/seed/samuel-l-smith.txt'), 'utf8');
const OWNER = 'Samuel L. Smith';

interface Expected {
  title: string;
  date: string;
  category: string;
  /** Names as the seed lists them (before the owner is appended). */
  listed: string[];
  truncated: boolean;
  affiliations: string[];
  hasCode: boolean;
  abstractStart: string;
  abstractLength: number;
}

// Written by reading assets/seed/samuel-l-smith.txt, in page order. Lengths are
// of the abstract line exactly as it appears in the seed.
const EXPECTED: Expected[] = [
  { title: 'Unlocking Accuracy and Fairness in Differentially Private Image Classification', date: '2023-08-21', category: 'cs.LG', listed: ['Leonard Berrada', 'Soham De', 'Judy Hanwen Shen'], truncated: true, affiliations: ['deepmind', 'stanford'], hasCode: false, abstractStart: 'Privacy-preserving machine learning aims', abstractLength: 1380 },
  { title: 'Unlocking High-Accuracy Differentially Private Image Classification through Scale', date: '2022-04-28', category: 'cs.LG', listed: ['Soham De', 'Leonard Berrada', 'Jamie Hayes'], truncated: true, affiliations: ['deepmind'], hasCode: false, abstractStart: 'Differential Privacy (DP) provides a for', abstractLength: 1524 },
  { title: 'Universality of Linear Recurrences Followed by Non-linear Projections: Finite-Width Guarantees and Benefits of Complex Eigenvalues', date: '2023-07-21', category: 'cs.LG', listed: ['Antonio Orvieto', 'Soham De', 'Caglar Gulcehre'], truncated: true, affiliations: ['deepmind'], hasCode: false, abstractStart: 'Deep neural networks based on linear RNN', abstractLength: 1439 },
  { title: 'Differentially Private Diffusion Models Generate Useful Synthetic Images', date: '2023-02-27', category: 'cs.LG', listed: ['Sahra Ghalebikesabi', 'Leonard Berrada', 'Sven Gowal'], truncated: true, affiliations: ['deepmind'], hasCode: false, abstractStart: 'The ability to generate privacy-preservi', abstractLength: 1369 },
  { title: 'ConvNets Match Vision Transformers at Scale', date: '2023-10-25', category: 'cs.CV', listed: ['Samuel L. Smith', 'Andrew Brock', 'Leonard Berrada'], truncated: true, affiliations: ['deepmind'], hasCode: false, abstractStart: 'Many researchers believe that ConvNets p', abstractLength: 808 },
  { title: 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', date: '2024-02-29', category: 'cs.LG', listed: ['Soham De', 'Samuel L. Smith', 'Anushan Fernando'], truncated: true, affiliations: ['deepmind'], hasCode: false, abstractStart: 'Recurrent neural networks (RNNs) have fa', abstractLength: 830 },
  { title: 'High-Performance Large-Scale Image Recognition Without Normalization', date: '2021-02-11', category: 'cs.CV', listed: ['Andrew Brock', 'Soham De', 'Samuel L. Smith'], truncated: true, affiliations: [], hasCode: true, abstractStart: 'Batch normalization is a key component o', abstractLength: 1180 },
  { title: 'Drawing Multiple Augmentation Samples Per Image During Training Efficiently Decreases Test Error', date: '2021-05-27', category: 'cs.LG', listed: ['Stanislav Fort', 'Andrew Brock', 'Razvan Pascanu'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'In computer vision, it is standard pract', abstractLength: 1116 },
  { title: 'On the Origin of Implicit Regularization in Stochastic Gradient Descent', date: '2021-01-28', category: 'cs.LG', listed: ['Samuel L. Smith', 'Benoit Dherin', 'David G. T. Barrett'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'For infinitesimal learning rates, stocha', abstractLength: 1073 },
  { title: 'Characterizing signal propagation to close the performance gap in unnormalized ResNets', date: '2021-01-21', category: 'cs.LG', listed: ['Andrew Brock', 'Soham De', 'Samuel L. Smith'], truncated: false, affiliations: [], hasCode: false, abstractStart: 'Batch Normalization is a key component i', abstractLength: 967 },
  { title: 'Cold Posteriors and Aleatoric Uncertainty', date: '2020-07-31', category: 'stat.ML', listed: ['Ben Adlam', 'Jasper Snoek', 'Samuel L. Smith'], truncated: false, affiliations: [], hasCode: false, abstractStart: 'Recent work has observed that one can ou', abstractLength: 1165 },
  { title: 'On the Generalization Benefit of Noise in Stochastic Gradient Descent', date: '2020-06-26', category: 'cs.LG', listed: ['Samuel L. Smith', 'Erich Elsen', 'Soham De'], truncated: false, affiliations: [], hasCode: false, abstractStart: 'It has long been argued that minibatch s', abstractLength: 1020 },
  { title: 'Batch Normalization Biases Residual Blocks Towards the Identity Function in Deep Networks', date: '2020-02-24', category: 'cs.LG', listed: ['Soham De', 'Samuel L. Smith'], truncated: false, affiliations: [], hasCode: false, abstractStart: 'Batch normalization dramatically increas', abstractLength: 993 },
  { title: 'The Effect of Network Width on Stochastic Gradient Descent and Generalization: an Empirical Study', date: '2019-05-09', category: 'cs.LG', listed: ['Daniel S. Park', 'Jascha Sohl-Dickstein', 'Quoc V. Le'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'We investigate how the final parameters ', abstractLength: 1079 },
  { title: 'Stochastic natural gradient descent draws posterior samples in function space', date: '2018-06-25', category: 'cs.LG', listed: ['Samuel L. Smith', 'Daniel Duckworth', 'Semon Rezchikov'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'Recent work has argued that stochastic g', abstractLength: 871 },
  { title: 'Decoding Decoders: Finding Optimal Representation Spaces for Unsupervised Similarity Tasks', date: '2018-05-09', category: 'cs.AI', listed: ['Vitalii Zhelezniak', 'Dan Busbridge', 'April Shen'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'Experimental evidence indicates that sim', abstractLength: 969 },
  { title: "Don't Decay the Learning Rate, Increase the Batch Size", date: '2017-11-01', category: 'cs.LG', listed: ['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Chris Ying'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'It is common practice to decay the learn', abstractLength: 976 },
  { title: 'A Bayesian Perspective on Generalization and Stochastic Gradient Descent', date: '2017-10-17', category: 'cs.LG', listed: ['Samuel L. Smith', 'Quoc V. Le'], truncated: false, affiliations: [], hasCode: false, abstractStart: 'We consider two questions at the heart o', abstractLength: 1245 },
  { title: 'Offline bilingual word vectors, orthogonal transformations and the inverted softmax', date: '2017-02-13', category: 'cs.CL', listed: ['Samuel L. Smith', 'David H. P. Turban', 'Steven Hamblin'], truncated: true, affiliations: [], hasCode: false, abstractStart: 'Usually bilingual word vectors are train', abstractLength: 1088 },
];

describe('parseProfile on the seed profile', () => {
  const result = parseProfile(SEED);

  it('reads the owner with field and metrics', () => {
    expect(result.owner).toEqual({
      id: 'samuel l smith',
      name: OWNER,
      field: 'cs.LG',
      metrics: { hIndex: 79, papers: 19, citations: 4004, novelty: 53, aiScore: 32 },
    });
  });

  it('places every line: no problems', () => {
    expect(result.problems).toEqual([]);
  });

  it('finds all 19 papers in page order', () => {
    expect(result.papers).toHaveLength(19);
    expect(result.papers.map((p) => p.title)).toEqual(EXPECTED.map((e) => e.title));
  });

  it.each(EXPECTED.map((e, i) => [i + 1, e] as const))('paper %i matches the seed field by field', (n, e) => {
    const p = result.papers[n - 1];
    if (!p) throw new Error(`paper ${n} missing`);
    expect(p.title).toBe(e.title);
    expect(p.date).toBe(e.date);
    expect(p.categories).toEqual([e.category]);
    // The owner is an author of every paper on his profile: appended when hidden.
    const ownerListed = e.listed.includes(OWNER);
    expect(p.authors).toEqual(ownerListed ? e.listed : [...e.listed, OWNER]);
    expect(p.authors.filter((a) => a === OWNER)).toHaveLength(1);
    expect(p.authorsTruncated).toBe(e.truncated);
    expect(p.affiliations).toEqual(e.affiliations);
    expect(p.hasCode).toBe(e.hasCode);
    expect(p.abstract.slice(0, 40)).toBe(e.abstractStart);
    expect(p.abstract).toHaveLength(e.abstractLength);
    expect(p.sources).toEqual(['profile:samuel-l-smith']);
    expect(PaperSchema.safeParse(p).success).toBe(true);
  });

  it('owner is appended exactly for the 7 papers where "et al." hides him', () => {
    const appended = result.papers.filter((p) => p.authors.at(-1) === OWNER && !EXPECTED.find((e) => e.title === p.title)?.listed.includes(OWNER));
    expect(appended.map((p) => p.date)).toEqual(['2023-08-21', '2022-04-28', '2023-07-21', '2023-02-27', '2021-05-27', '2019-05-09', '2018-05-09']);
    expect(appended.every((p) => p.authorsTruncated)).toBe(true);
  });

  it('builds stable ids from the normalized title', () => {
    expect(result.papers[0]?.id).toBe('t:unlocking-accuracy-and-fairness-in-differentially-private-image-classification');
    expect(result.papers[16]?.id).toBe('t:don-t-decay-the-learning-rate-increase-the-batch-size');
    expect(new Set(result.papers.map((p) => p.id)).size).toBe(19);
  });

  it('rejoins the copy-pasted GitHub link of the only paper with code', () => {
    const nf = result.papers[6];
    expect(nf?.codeUrl).toBe('https://github.com/deepmind/deepmind-research/tree/master/nfnets');
    // The abstract itself keeps the text as the source wrote it.
    expect(nf?.abstract.endsWith('https://github.com/deepmind/ deepmind-research/tree/master/nfnets')).toBe(true);
    expect(result.papers.filter((p) => p.codeUrl !== undefined)).toHaveLength(1);
  });

  it('lists 30 distinct authors, owner first with metrics, others plain', () => {
    expect(result.authors).toHaveLength(30);
    expect(result.authors[0]).toEqual(result.owner);
    expect(result.authors.slice(1, 4)).toEqual([
      { id: 'leonard berrada', name: 'Leonard Berrada' },
      { id: 'soham de', name: 'Soham De' },
      { id: 'judy hanwen shen', name: 'Judy Hanwen Shen' },
    ]);
    expect(result.authors.find((a) => a.id === 'david g t barrett')?.name).toBe('David G. T. Barrett');
    expect(result.authors.filter((a) => a.id === 'samuel l smith')).toHaveLength(1);
    for (const a of result.authors) expect(AuthorSchema.safeParse(a).success).toBe(true);
  });

  it('uses the given source tag', () => {
    const r = parseProfile(SEED, { source: 'seed:samuel-l-smith' });
    expect(new Set(r.papers.flatMap((p) => p.sources))).toEqual(new Set(['seed:samuel-l-smith']));
  });
});
