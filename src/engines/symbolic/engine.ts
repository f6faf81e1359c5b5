/**
 * The psycho-symbolic engine: questions answered from the knowledge graph with proofs,
 * affect of the user's words, per-user memory, a planner, and embeddings. It streams the
 * reasoning trace as `reasoning` events and the answer as `content`.
 */
import type { EmbedRequest, EmbedResult, Engine, EngineEvent, EngineHealth, GenerateRequest, ModelCard } from '../../core/types.js';
import { countPromptTokens, countTokens, tokenize } from '../../core/tokens.js';
import { psrError } from '../../core/errors.js';
import { answerQuery, type Answer, type AnswerContext } from './answer/index.js';
import { answerObject, fillSchema } from './compose/json.js';
import { seededRandom } from '../../core/random.js';
import { choosePhrases, phraseTokens } from './compose/phrase.js';
import { traceLines, type AffectSummary } from './compose/trace.js';
import { focusOf, parseInContext, queryKey, questionOf } from './conversation.js';
import type { Knowledge } from './knowledge/load.js';
import type { Link } from './knowledge/linker.js';
import type { UserFact } from './memory.js';
import { UserMemory } from './memory.js';
import type { Query } from './nlq/query.js';
import { ReasonCache, reasonKey } from './reason-cache.js';
import { toolTurn } from './tool-turn.js';
import type { WordNet } from './lexicon/index.js';

/** The models this engine serves. */
export const SYMBOLIC_MODELS = { full: 'psycho-symbolic-v1', fast: 'psycho-symbolic-v1-fast', embed: 'psycho-symbolic-embed-v1' } as const;

/** Affect analysis plugged in from the affect room. */
export type AffectFn = (text: string) => { summary: AffectSummary; facts: UserFact[] };

/** Embeddings plugged in from the embed room. */
export type EmbedFn = (texts: string[], dimensions?: number) => number[][];

/** What the engine is built from. */
export interface SymbolicEngineOptions {
  knowledge: Knowledge;
  wordnet?: WordNet;
  affect?: AffectFn;
  embed?: EmbedFn;
  /** Reasoning-cache entries (default 1000). */
  cacheSize?: number;
  /** Users kept in memory (default 10 000). */
  maxUsers?: number;
}

interface Reasoned {
  query: Query;
  answer: Answer;
  focus?: Link;
  affect?: AffectSummary;
  cached: boolean;
}

/** The built-in default engine. */
export class SymbolicEngine implements Engine {
  readonly name = 'symbolic';
  // max_tokens bounds the answer here, not the reasoning trace: a small limit still answers
  readonly native = { n: false, stop: false, maxTokens: true };
  readonly #k: Knowledge;
  readonly #opts: SymbolicEngineOptions;
  readonly #cache: ReasonCache<Answer>;
  readonly #memory: UserMemory;

  constructor(opts: SymbolicEngineOptions) {
    this.#k = opts.knowledge;
    this.#opts = opts;
    this.#cache = new ReasonCache(opts.cacheSize ?? 1000);
    this.#memory = new UserMemory({ maxUsers: opts.maxUsers });
  }

  models(): ModelCard[] {
    const card = (id: string, capabilities: ModelCard['capabilities']): ModelCard => ({ id, ownedBy: 'psr', created: 1767225600, capabilities });
    const cards = [card(SYMBOLIC_MODELS.full, ['chat', 'completions']), card(SYMBOLIC_MODELS.fast, ['chat', 'completions'])];
    if (this.#opts.embed) cards.push(card(SYMBOLIC_MODELS.embed, ['embeddings']));
    return cards;
  }

  /** Answer a question outside HTTP (psr ask, tests, warming). */
  ask(question: string, opts: { earlier?: string[]; user?: string; fast?: boolean } = {}): Reasoned {
    return this.#reason(opts.fast ? SYMBOLIC_MODELS.fast : SYMBOLIC_MODELS.full, question, opts.earlier ?? [], opts.user, '');
  }

  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    // Tools first: a tool result to word, a call to make, or a missing value to ask for.
    const tools = toolTurn(req);
    if (tools) return yield* tools;
    const { question, earlier, system } = questionOf(req);
    const r = this.#reason(req.model, question, earlier, req.user, system);
    if (signal.aborted) return;
    const rf = req.responseFormat;
    const random = seededRandom(req.sampling.seed ?? Math.floor(Math.random() * 2 ** 32));
    const phrases = choosePhrases(this.#withTone(r), req.sampling.temperature ?? 0, random);
    const text = phrases.map((p) => p.text).join('');
    let body: string | undefined;
    if (rf?.type === 'json_object') body = JSON.stringify(answerObject(this.#k.graph, r.answer, text));
    if (rf?.type === 'json_schema') {
      try {
        body = JSON.stringify(fillSchema(rf.schema, answerObject(this.#k.graph, r.answer, text)));
      } catch (e) {
        throw psrError('invalid_value', (e as Error).message, { param: 'response_format' });
      }
    }
    let reasoningTokens = 0;
    for (const line of traceLines(this.#k.graph, r.query, r.answer, r.focus, r.affect, r.cached)) {
      reasoningTokens += countTokens(line);
      yield { type: 'reasoning', choice: 0, text: line };
    }
    if (r.answer.proof) yield { type: 'meta', choice: 0, key: 'proof', value: r.answer.proof };
    const limit = req.maxTokens ?? Infinity;
    let completion = 0;
    let reason: 'stop' | 'length' = 'stop';
    const pieces = body !== undefined ? [{ text: body, logprob: undefined }] : phraseTokens(phrases, req.logprobs?.topLogprobs ?? 0);
    for (const t of pieces) {
      if (signal.aborted) return;
      const n = countTokens(t.text);
      if (completion + n > limit) {
        reason = 'length';
        const room = Math.max(0, limit - completion);
        const cut = tokenize(t.text).slice(0, room).join('');
        if (cut) yield { type: 'content', choice: 0, text: cut };
        completion += room;
        break;
      }
      completion += n;
      yield req.logprobs && t.logprob ? { type: 'content', choice: 0, text: t.text, logprobs: [t.logprob] } : { type: 'content', choice: 0, text: t.text };
    }
    yield { type: 'finish', choice: 0, reason };
    yield { type: 'usage', promptTokens: countPromptTokens(req), completionTokens: completion + reasoningTokens, reasoningTokens };
  }

  async embed(req: EmbedRequest, _signal?: AbortSignal): Promise<EmbedResult> {
    if (!this.#opts.embed) throw psrError('model_not_found', `The model '${req.model}' does not support embeddings`, { param: 'model' });
    const texts = req.input.map((x) => (typeof x === 'string' ? x : x.join(' ')));
    const vectors = this.#opts.embed(texts, req.dimensions);
    return { vectors, promptTokens: texts.reduce((n, t) => n + countTokens(t), 0) };
  }

  async health(): Promise<EngineHealth> {
    const s = this.#k.stats;
    return {
      ok: true,
      detail: {
        knowledge: { facts: this.#k.kb.size, asserted: s.asserted, derived: s.derived, files: s.files.length, contradictions: s.contradictions, loadMs: Math.round(s.loadMs) },
        reasoningCache: this.#cache.stats(),
        users: this.#memory.size,
      },
    };
  }

  /** Warm the reasoning cache with questions (run at start from config). */
  warm(questions: string[]): number {
    for (const q of questions) this.ask(q);
    return questions.length;
  }

  #reason(model: string, question: string, earlier: string[], user: string | undefined, system: string): Reasoned {
    const query = parseInContext(question, earlier);
    // affect reads the first 2,000 characters: its cost grows faster than the text, and a long paste adds no tone
    const affect = this.#opts.affect && question.trim() ? this.#opts.affect(question.slice(0, 2000)) : undefined;
    if (affect && user) this.#memory.remember(user, affect.facts);
    const focus = focusOf(earlier, (q, prev) => this.#focusLink(q, prev));
    const key = reasonKey({ model, question: queryKey(query, question), focus: focus?.label, user: user && `${user}#${this.#memory.recall(user).length}`, system });
    const hit = this.#cache.get(key);
    if (hit) return { query, answer: hit, focus, affect: affect?.summary, cached: true };
    const fast = model === SYMBOLIC_MODELS.fast;
    const ctx: AnswerContext = {
      graph: this.#k.graph, linker: this.#k.linker, wordnet: this.#opts.wordnet, focus,
      preference: this.#memory.preference(user), maxExpansions: fast ? 5_000 : 50_000,
    };
    const answer = answerQuery(ctx, query);
    this.#cache.set(key, answer);
    return { query, answer, focus, affect: affect?.summary, cached: false };
  }

  #focusLink(q: Query, prev: Link | undefined): Link | undefined {
    if (q.needsContext) return prev;
    const phrase = q.subject ?? q.relation;
    if (!phrase) return undefined;
    const isRel = (id: number) => this.#k.graph.isPredicate(id);
    if (q.subject) return this.#k.linker.link(q.subject, (id) => !isRel(id));
    return this.#k.linker.split(phrase, isRel)?.entity ?? this.#k.linker.link(phrase, (id) => !isRel(id) && !this.#k.graph.isClass(id));
  }

  // a frustrated user gets an acknowledgement first and no alternative phrasings to wade through
  #withTone(r: Reasoned): Answer['sentences'] {
    if (!r.affect?.frustrated) return r.answer.sentences;
    return [['I can tell this has been frustrating, so here is exactly what I can back with facts. '], ...r.answer.sentences];
  }
}
