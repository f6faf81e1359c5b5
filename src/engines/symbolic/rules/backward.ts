/**
 * Backward chaining: goal-directed proof of triple patterns over stored facts and rules, without
 * materializing. Each distinct subgoal gets a table of answers (tabling), so cycles such as
 * transitive rules terminate; tables are re-evaluated until no answer appears or improves.
 * Confidence follows the same rule as forward chaining (max over derivations of rule × premises).
 */
import { KbBoundError, parsePattern, type KnowledgeBase, type PatternTerm, type ProofTree, type Rule } from '../kb/index.js';
import { withDefaults, type ReasonBounds } from './bounds.js';
import { answerProof, type Answer } from './answer-proof.js';

/** Options of `prove`. */
export interface ProveOptions extends ReasonBounds {
  /** Indexes into kb.rules to use (default: all). Rules with existentials and constraints are skipped. */
  rules?: readonly number[];
}

/** One solution: variable name (no '?') → term key, and a proof of each goal pattern, in order. */
export interface ProofAnswer {
  bindings: Record<string, string>;
  /** Product of the proofs' confidences. */
  confidence: number;
  proofs: ProofTree[];
}

/** Solutions and how much work they took. */
export interface ProveResult {
  answers: ProofAnswer[];
  /** Distinct subgoals tabled. */
  tables: number;
  /** Re-evaluation rounds until nothing changed. */
  iterations: number;
  ms: number;
}

interface Table {
  answers: Answer[];
  byTriple: Map<string, Answer>;
  round: number;
}

/** Prove a pattern (`?x a :Animal`, several joined by ` . `) with bindings and proof trees. */
export function prove(kb: KnowledgeBase, goal: string | PatternTerm[][], opts: ProveOptions = {}): ProveResult {
  return new BackwardChainer(kb, opts).run(typeof goal === 'string' ? parsePattern(goal, kb.prefixes) : goal);
}

class BackwardChainer {
  #kb: KnowledgeBase;
  #bounds: Required<ReasonBounds>;
  #rules: { ix: number; rule: Rule }[] = [];
  #tables = new Map<string, Table>();
  #round = 0;
  #changed = false;
  #deadline: number;

  constructor(kb: KnowledgeBase, opts: ProveOptions) {
    this.#kb = kb;
    this.#bounds = withDefaults(opts);
    this.#deadline = this.#bounds.timeoutMs > 0 ? performance.now() + this.#bounds.timeoutMs : Infinity;
    for (const ix of opts.rules ?? kb.rules.map((_, i) => i)) {
      const rule = kb.rules[ix];
      const premVars = new Set(Array.from(rule.premises).filter((e) => e < 0));
      const existential = Array.from(rule.conclusions).some((e) => e < 0 && !premVars.has(e));
      if (!rule.constraint && !existential) this.#rules.push({ ix, rule });
    }
  }

  run(patterns: PatternTerm[][]): ProveResult {
    const t0 = performance.now();
    const names: string[] = [];
    const enc = new Int32Array(patterns.length * 3);
    patterns.forEach((pat, i) => pat.forEach((t, j) => {
      if ('key' in t) enc[3 * i + j] = this.#kb.intern(t.key);
      else enc[3 * i + j] = -((names.includes(t.var) ? names.indexOf(t.var) : names.push(t.var) - 1) + 1);
    }));
    const collect = (b: Int32Array, ans: Answer[]): void => void out.push([b.slice(), ans.slice()]);
    let out: [Int32Array, Answer[]][] = [];
    do {
      if (this.#round >= this.#bounds.maxIterations) throw new KbBoundError('maxIterations', this.#bounds.maxIterations);
      this.#round++;
      this.#changed = false;
      out = [];
      this.#body(enc, new Int32Array(names.length).fill(-1), new Array<Answer>(patterns.length), 0, 0, collect);
    } while (this.#changed);
    if (out.length > this.#bounds.maxSolutions) throw new KbBoundError('maxSolutions', this.#bounds.maxSolutions);
    const answers = out.map(([b, ans]) => {
      const bindings: Record<string, string> = {};
      names.forEach((n, k) => (bindings[n] = this.#kb.key(b[k])));
      const proofs = ans.map((a) => answerProof(this.#kb, a));
      return { bindings, confidence: ans.reduce((c, a) => c * a.conf, 1), proofs };
    });
    return { answers, tables: this.#tables.size, iterations: this.#round, ms: performance.now() - t0 };
  }

  /** Solve the premises `pats` not yet solved (`done` of them so far), most bound first. */
  #body(pats: Int32Array, b: Int32Array, chosen: Answer[], done: number, depth: number, onDone: (b: Int32Array, ans: Answer[]) => void): void {
    const n = pats.length / 3;
    if (done === n) return onDone(b, chosen);
    const val = (e: number): number => (e >= 0 ? e : b[-e - 1]);
    let best = -1, bestScore = -1;
    for (let i = 0; i < n; i++) {
      if (chosen[i] !== undefined) continue;
      let score = 0;
      for (let j = 0; j < 3; j++) if (val(pats[3 * i + j]) >= 0) score += j === 1 ? 3 : 4;
      if (score > bestScore) (best = i), (bestScore = score);
    }
    const at = 3 * best;
    const table = this.#solve(val(pats[at]), val(pats[at + 1]), val(pats[at + 2]), depth);
    // the answer list may grow while we walk it (recursive goals): later answers are used too
    for (let i = 0; i < table.answers.length; i++) {
      const a = table.answers[i];
      const nb = b.slice();
      if (!bindTriple(pats, at, a.s, a.p, a.o, nb)) continue;
      chosen[best] = a;
      this.#body(pats, nb, chosen, done + 1, depth, onDone);
    }
    chosen[best] = undefined as unknown as Answer;
  }

  /** The table of a subgoal (ids, -1 = variable), evaluated once per round. */
  #solve(s: number, p: number, o: number, depth: number): Table {
    const key = `${s} ${p} ${o}`;
    let t = this.#tables.get(key);
    if (t === undefined) {
      t = { answers: [], byTriple: new Map(), round: 0 };
      this.#tables.set(key, t);
      const facts = this.#kb.facts;
      for (const f of this.#kb.match(s, p, o)) this.#add(t, { s: facts.s[f], p: facts.p[f], o: facts.o[f], conf: facts.conf[f], fact: f, rule: -1, premises: [] });
    }
    if (t.round === this.#round) return t; // in progress or done this round: a cycle uses what is known
    t.round = this.#round;
    if (depth >= this.#bounds.maxDepth) throw new KbBoundError('maxDepth', this.#bounds.maxDepth);
    if (performance.now() > this.#deadline) throw new KbBoundError('timeoutMs', this.#bounds.timeoutMs);
    for (const { ix, rule } of this.#rules) {
      const c = rule.conclusions;
      for (let k = 0; k < c.length; k += 3) {
        const b = new Int32Array(rule.vars.length).fill(-1);
        if (!unifyHead(c, k, s, p, o, b)) continue;
        this.#body(rule.premises, b, new Array<Answer>(rule.premises.length / 3), 0, depth + 1, (bb, prem) => {
          const ts = c[k] >= 0 ? c[k] : bb[-c[k] - 1], tp = c[k + 1] >= 0 ? c[k + 1] : bb[-c[k + 1] - 1], to = c[k + 2] >= 0 ? c[k + 2] : bb[-c[k + 2] - 1];
          const conf = prem.reduce((x, a) => x * a.conf, rule.confidence);
          this.#add(t, { s: ts, p: tp, o: to, conf, fact: -1, rule: ix, premises: prem.slice() });
        });
      }
    }
    return t;
  }

  /** Record an answer: new, or a strictly surer derivation of a derived one. */
  #add(t: Table, a: Answer): void {
    const key = `${a.s} ${a.p} ${a.o}`;
    const old = t.byTriple.get(key);
    if (old === undefined) {
      t.byTriple.set(key, a);
      t.answers.push(a);
      this.#changed = true;
    } else if (old.fact < 0 && a.conf > old.conf) {
      Object.assign(old, { conf: a.conf, rule: a.rule, premises: a.premises });
      this.#changed = true;
    }
  }
}

/** Unify a rule conclusion with a goal: constants must agree; goal constants bind rule variables. */
function unifyHead(c: Int32Array, k: number, s: number, p: number, o: number, b: Int32Array): boolean {
  const goal = [s, p, o];
  for (let j = 0; j < 3; j++) {
    const e = c[k + j], g = goal[j];
    if (g < 0) continue;
    if (e >= 0) {
      if (e !== g) return false;
    } else if (b[-e - 1] < 0) b[-e - 1] = g;
    else if (b[-e - 1] !== g) return false;
  }
  return true;
}

/** Bind a premise pattern to a ground triple; false when a constant or bound variable disagrees. */
function bindTriple(pats: Int32Array, at: number, s: number, p: number, o: number, b: Int32Array): boolean {
  const vals = [s, p, o];
  for (let j = 0; j < 3; j++) {
    const e = pats[at + j], v = vals[j];
    if (e >= 0) {
      if (e !== v) return false;
    } else if (b[-e - 1] < 0) b[-e - 1] = v;
    else if (b[-e - 1] !== v) return false;
  }
  return true;
}
