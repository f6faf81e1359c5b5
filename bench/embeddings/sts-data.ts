/** STS benchmark loading and Spearman correlation, shared by the STS bench and the IDF builder. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../src/core/paths.js';
import { centeredSums } from '../stats.js';

/** One scored sentence pair. */
export interface StsPair {
  /** Source genre: main-captions, main-news, main-forums. */
  genre: string;
  score: number;
  a: string;
  b: string;
}

/** Where the STS benchmark lives: `../shared/data/stsbenchmark` beside the repository. */
export const STS_DIR = resolve(ROOT, '../shared/data/stsbenchmark');

/** The pairs of one split, or undefined when the file is absent. */
export function loadSts(split: 'train' | 'dev' | 'test', dir = STS_DIR): StsPair[] | undefined {
  const file = join(dir, `sts-${split}.csv`);
  if (!existsSync(file)) return undefined;
  const out: StsPair[] = [];
  // the sentences contain stray quotes: split on tabs only, never parse as CSV
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 7) continue;
    const score = Number(f[4]);
    if (Number.isFinite(score)) out.push({ genre: f[0], score, a: f[5], b: f[6] });
  }
  return out;
}

/** Average ranks (ties share their mean rank). */
function ranks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation of two equal-length series. */
export function spearman(xs: number[], ys: number[]): number {
  const { sxy, sxx, syy } = centeredSums(ranks(xs), ranks(ys));
  return sxy / Math.sqrt(sxx * syy);
}
