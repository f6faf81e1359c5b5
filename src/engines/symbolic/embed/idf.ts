/** Inverse document frequencies from a shipped lemma → document-frequency table. */
import { existsSync, readFileSync } from 'node:fs';
import { dataPath } from '../../../core/paths.js';

/** A document-frequency table: `docs` documents, `df[lemma]` of them containing the lemma. */
export interface DfTable {
  source: string;
  docs: number;
  /** Lemmas seen fewer times than this are left out (and treated as seen once). */
  minDf: number;
  df: Record<string, number>;
}

/** The shipped table: sentence frequencies over the STS-B train split (never dev or test). */
export const DF_FILE = dataPath('lexicon', 'sts-train-df.json');

let shared: ((lemma: string) => number) | undefined;

/** An IDF function over `table`: log((N+1)/(df+1)), rare and unseen lemmas sharing the top weight. */
export function idfFrom(table: DfTable): (lemma: string) => number {
  const n = table.docs + 1;
  const rare = Math.log(n / 2);
  return (lemma) => {
    const df = table.df[lemma];
    return df === undefined ? rare : Math.log(n / (df + 1));
  };
}

/** The default IDF, read from DF_FILE on first use; a flat weight of 1 if the file is missing. */
export function defaultIdf(): (lemma: string) => number {
  if (shared) return shared;
  shared = existsSync(DF_FILE) ? idfFrom(JSON.parse(readFileSync(DF_FILE, 'utf8')) as DfTable) : () => 1;
  return shared;
}
