/**
 * Per-user memory: preferences and feelings stated in a user's words, kept as facts about
 * that user only. Nothing here is shared between users; answers for one user never read
 * another's entries.
 */

/** One remembered statement about a user. */
export interface UserFact {
  predicate: 'prefers' | 'dislikes' | 'needs' | 'feels';
  object: string;
  confidence: number;
  /** The words it came from. */
  text: string;
  at: number;
}

/** A bounded in-memory store of user facts, keyed by the request's `user`. */
export class UserMemory {
  readonly #users = new Map<string, UserFact[]>();
  readonly #maxUsers: number;
  readonly #maxFacts: number;

  constructor(opts: { maxUsers?: number; maxFactsPerUser?: number } = {}) {
    this.#maxUsers = opts.maxUsers ?? 10_000;
    this.#maxFacts = opts.maxFactsPerUser ?? 100;
  }

  /** Remember facts about `user` (oldest dropped past the bound; least recent users evicted). */
  remember(user: string, facts: UserFact[]): void {
    if (!user || facts.length === 0) return;
    const list = this.#users.get(user) ?? [];
    this.#users.delete(user); // re-insert: Map order doubles as recency
    for (const f of facts) {
      const i = list.findIndex((x) => x.predicate === f.predicate && x.object === f.object);
      if (i >= 0) list.splice(i, 1);
      list.push(f);
    }
    this.#users.set(user, list.slice(-this.#maxFacts));
    if (this.#users.size > this.#maxUsers) this.#users.delete(this.#users.keys().next().value!);
  }

  /** What is remembered about `user` ([] for unknown or absent users). */
  recall(user: string | undefined): readonly UserFact[] {
    return user ? (this.#users.get(user) ?? []) : [];
  }

  /** A ranking function: items the user prefers or needs first, disliked ones last. */
  preference(user: string | undefined): (label: string) => number {
    const facts = this.recall(user);
    if (facts.length === 0) return () => 0;
    return (label) => {
      const l = label.toLowerCase();
      let score = 0;
      for (const f of facts) {
        const o = f.object.toLowerCase();
        if (!o || !(l.includes(o) || o.includes(l))) continue;
        if (f.predicate === 'prefers' || f.predicate === 'needs') score += f.confidence;
        if (f.predicate === 'dislikes') score -= f.confidence;
      }
      return score;
    };
  }

  /** Number of users remembered. */
  get size(): number {
    return this.#users.size;
  }
}
