/** The process-wide WordNet, created on first use, with wink-nlp's lemmatizer for irregular forms. */
import { lemmaOf } from '../nlp.js';
import { WordNet } from './wordnet.js';

let shared: WordNet | undefined;

/** The shared WordNet instance (index files are read on its first lookup, not here). */
export function wordnet(): WordNet {
  shared ??= new WordNet({ lemmaHint: lemmaOf });
  return shared;
}
