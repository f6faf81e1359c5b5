/**
 * A registry by name with a helpful miss (STYLE.md §2): used for reasoning parsers,
 * tool-call parsers, engines and upstream provider presets.
 */
export class Registry<T> {
  readonly #kind: string;
  readonly #items = new Map<string, T>();

  /** @param kind what the registry holds, for error messages ("reasoning parser"). */
  constructor(kind: string) {
    this.#kind = kind;
  }

  /** Register `value` under `name`; registering a name twice is a programming error. */
  register(name: string, value: T): this {
    if (this.#items.has(name)) throw new Error(`${this.#kind} '${name}' is already registered`);
    this.#items.set(name, value);
    return this;
  }

  /** The value for `name`; an unknown name throws an error listing the known ones. */
  get(name: string): T {
    const value = this.#items.get(name);
    if (value === undefined) {
      throw new Error(`unknown ${this.#kind} '${name}'; known: ${this.list().join(', ') || '(none)'}`);
    }
    return value;
  }

  /** Whether `name` is registered. */
  has(name: string): boolean {
    return this.#items.has(name);
  }

  /** Registered names, in registration order. */
  list(): string[] {
    return [...this.#items.keys()];
  }
}
