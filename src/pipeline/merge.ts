/** Interleave several async iterables in arrival order; closing the result closes them all. */

/** Merge `sources`, yielding each value as soon as any source produces it. */
export async function* merge<T>(sources: AsyncIterable<T>[]): AsyncIterable<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => pending.set(i, iterators[i]!.next().then((r) => ({ i, r })));
  iterators.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield r.value;
    }
  } finally {
    // Early exit or error: let every source run its own cleanup (abort requests, free models).
    await Promise.allSettled(iterators.map((it, i) => (pending.has(i) ? it.return?.() : undefined)));
  }
}
