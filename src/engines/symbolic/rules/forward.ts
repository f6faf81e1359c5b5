/**
 * Forward chaining to a fixpoint, semi-naive: every fact (asserted or derived) is the "delta"
 * exactly once — it is matched against each rule premise it fits and joined with the facts
 * already present, so each combination of premises is found when its newest fact is processed.
 * Facts are processed in generations (FIFO), which is what `maxIterations` counts.
 */
import { KbBoundError, type KnowledgeBase } from '../kb/index.js';
import { BY_O, BY_PO, BY_S, BY_SP, SCAN } from '../kb/fact-table.js';
import { withDefaults, type ReasonBounds } from './bounds.js';
import { Emitter, type Contradiction } from './emit.js';
import { buildPlans, joinOrder, premiseVars, startPremise, type TriggerPlan } from './plan.js';
import { BIND, BOUND, CHECK, CONST, compileSteps, type StepProgram } from './step-program.js';

/** Options of `infer`. */
export interface InferOptions extends ReasonBounds {
  /** Indexes into kb.rules to apply (default: all of them). */
  rules?: readonly number[];
}

/** What one `infer` did. */
export interface InferResult {
  /** Facts derived (new to the store). */
  derived: number;
  /** Derived facts whose confidence rose because a better derivation was found. */
  improved: number;
  /** Generations until the fixpoint. */
  iterations: number;
  /** Fresh blank nodes made by existential rules. */
  newTerms: number;
  /** Constraint matches (disjointness, sameAs/differentFrom, declared negations …). */
  contradictions: Contradiction[];
  ms: number;
}

interface CompiledPlan extends TriggerPlan {
  steps: StepProgram;
}

/** Materialize everything the rules imply; throws KbBoundError past a bound (facts derived so far stay). */
export function infer(kb: KnowledgeBase, opts: InferOptions = {}): InferResult {
  return new ForwardChainer(kb, opts).run();
}

class ForwardChainer {
  #kb: KnowledgeBase;
  #bounds: Required<ReasonBounds>;
  /** Trigger plans by predicate term id (a sparse array: ids are dense integers). */
  #byPred: (CompiledPlan[] | undefined)[] = [];
  #anyPred: CompiledPlan[] = [];
  #zeroPremise: CompiledPlan[] = [];
  #emit: Emitter;
  #b: Int32Array;
  #prem: Int32Array;
  #used: readonly number[];
  /** Per pair kind: facts filtered out and facts kept while a one-key chain stood in for its index. */
  #skipped = [0, 0, 0];
  #matched = [0, 0, 0];

  constructor(kb: KnowledgeBase, opts: InferOptions) {
    this.#kb = kb;
    this.#bounds = withDefaults(opts);
    const use = opts.rules ?? kb.rules.map((_, i) => i);
    this.#used = use;
    let maxVars = 1, maxPrem = 1;
    for (const [pred, plans] of buildPlans(kb.rules, use)) {
      const compiled = plans.map((p) => ({ ...p, steps: compileSteps(p) }));
      if (pred < 0) this.#anyPred.push(...compiled);
      else this.#byPred[pred] = compiled;
    }
    for (const ruleIx of use) {
      const rule = kb.rules[ruleIx];
      maxVars = Math.max(maxVars, rule.vars.length);
      maxPrem = Math.max(maxPrem, rule.premises.length / 3);
      if (rule.premises.length === 0) {
        const plan: TriggerPlan = { ruleIx, rule, trigger: -1, order: joinOrder(rule, -1), nVars: premiseVars(rule) };
        this.#zeroPremise.push({ ...plan, steps: compileSteps(plan) });
      }
    }
    this.#b = new Int32Array(maxVars).fill(-1);
    this.#prem = new Int32Array(maxPrem);
    this.#emit = new Emitter(kb, this.#bounds);
  }

  run(): InferResult {
    const t0 = performance.now();
    const deadline = this.#bounds.timeoutMs > 0 ? t0 + this.#bounds.timeoutMs : Infinity;
    const emit = this.#emit;
    const facts = this.#kb.facts;
    // growing typed arrays and hashes while deriving costs more than reserving: guess as many derived as input
    facts.reserve(Math.min(facts.size, this.#bounds.maxFacts));
    for (const plan of this.#zeroPremise) this.#join(plan, 0);
    // first generation: each rule joined once over the whole store, from its most selective
    // premise — far cheaper than treating every stored fact as a delta of every premise
    const initial = facts.size;
    for (const plan of this.#fullPlans()) this.#join(plan, 0);
    // then facts are processed in id order, so the fact ids themselves are the work queue; a
    // generation is every fact that existed when it began, plus facts whose confidence rose
    let next = initial, iterations = 1;
    while (next < facts.size || emit.hasRequeued) {
      if (++iterations > this.#bounds.maxIterations) throw new KbBoundError('maxIterations', this.#bounds.maxIterations);
      const genEnd = facts.size;
      const again = emit.takeRequeued();
      for (; next < genEnd; next++) {
        if ((next & 4095) === 0 && performance.now() > deadline) throw new KbBoundError('timeoutMs', this.#bounds.timeoutMs);
        this.#process(next);
      }
      for (const f of again) this.#process(f);
    }
    return { ...emit.counts(), iterations, ms: performance.now() - t0 };
  }

  /** One plan per rule that starts from no trigger, with the most selective premise first. */
  #fullPlans(): CompiledPlan[] {
    const facts = this.#kb.facts;
    return this.#used.filter((ix) => this.#kb.rules[ix].premises.length > 0).map((ruleIx) => {
      const rule = this.#kb.rules[ruleIx];
      const first = startPremise(rule, (p) => facts.predicateCount(p), facts.size);
      const order = Int32Array.from([first, ...joinOrder(rule, first)]);
      const plan: TriggerPlan = { ruleIx, rule, trigger: -1, order, nVars: premiseVars(rule) };
      return { ...plan, steps: compileSteps(plan) };
    });
  }

  #process(f: number): void {
    const plans = this.#byPred[this.#kb.facts.p[f]];
    if (plans !== undefined) for (let i = 0; i < plans.length; i++) this.#trigger(plans[i], f);
    const any = this.#anyPred;
    for (let i = 0; i < any.length; i++) this.#trigger(any[i], f);
  }

  /** Match fact f against the plan's trigger premise, then join the rest. */
  #trigger(plan: CompiledPlan, f: number): void {
    const facts = this.#kb.facts;
    const { mode, arg } = plan.steps;
    const b = this.#b;
    for (let j = 0; j < 3; j++) {
      const v = j === 0 ? facts.s[f] : j === 1 ? facts.p[f] : facts.o[f];
      const m = mode[j];
      if (m === CONST) {
        if (arg[j] !== v) return;
      } else if (m === BIND) b[arg[j]] = v;
      else if (b[arg[j]] !== v) return; // CHECK: a variable repeated in the premise
    }
    this.#prem[plan.trigger] = f;
    this.#join(plan, 1);
  }

  /** Join step k of a plan (steps after the trigger), emitting conclusions at the end. */
  #join(plan: CompiledPlan, k: number): void {
    const { premise, mode, arg } = plan.steps;
    if (k === premise.length) return this.#emit.fire(plan.ruleIx, plan.rule, plan.nVars, this.#b, this.#prem);
    const facts = this.#kb.facts;
    const b = this.#b;
    const at = 3 * k;
    const s = mode[at] === CONST ? arg[at] : mode[at] === BOUND ? b[arg[at]] : -1;
    const p = mode[at + 1] === CONST ? arg[at + 1] : mode[at + 1] === BOUND ? b[arg[at + 1]] : -1;
    const o = mode[at + 2] === CONST ? arg[at + 2] : mode[at + 2] === BOUND ? b[arg[at + 2]] : -1;
    if (s >= 0 && p >= 0 && o >= 0) {
      const f = facts.find(s, p, o);
      if (f < 0) return;
      this.#prem[premise[k]] = f;
      return this.#join(plan, k + 1);
    }
    let kind = facts.indexFor(s, p, o);
    // a pair index costs a hash insert for every later fact: walk the subject (or object) chain
    // and filter instead, until facts filtered out outnumber the kept ones 4 to 1
    const pair = kind >= BY_SP ? kind - BY_SP : -1;
    const filter = pair >= 0 && !facts.built(kind) && this.#skipped[pair] <= 4 * this.#matched[pair] + 4096;
    if (filter) kind = kind === BY_PO ? BY_O : BY_S;
    // walking from the chain head seen now: facts appended meanwhile get their own turn as deltas
    let f = kind === SCAN ? facts.size - 1 : facts.head(kind, s, p, o);
    outer: for (; f >= 0; f = kind === SCAN ? f - 1 : facts.nexts[kind][f]) {
      if (filter) {
        if ((s >= 0 && facts.s[f] !== s) || (p >= 0 && facts.p[f] !== p) || (o >= 0 && facts.o[f] !== o)) {
          this.#skipped[pair]++;
          continue;
        }
        this.#matched[pair]++;
      }
      for (let j = 0; j < 3; j++) {
        const m = mode[at + j];
        if (m === CONST || m === BOUND) continue;
        const v = j === 0 ? facts.s[f] : j === 1 ? facts.p[f] : facts.o[f];
        if (m === BIND) b[arg[at + j]] = v;
        else if (m === CHECK && b[arg[at + j]] !== v) continue outer;
      }
      this.#prem[premise[k]] = f;
      this.#join(plan, k + 1);
    }
  }
}
