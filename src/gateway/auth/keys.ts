/**
 * API keys: stored only as sha256 digests (hex in the config file; PSR_API_KEYS plain keys are
 * hashed at load), checked in constant time. The key itself is never kept, logged or shown.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './context.js';

/** A configured key. */
export interface KeyEntry {
  /** sha256 of the key, 64 hex characters. */
  sha256: string;
  /** A label for logs and rate limits; defaults to `key-<first 8 hex of the digest>`. */
  name?: string;
  role?: 'user' | 'admin';
}

interface Stored {
  digest: Buffer;
  principal: Principal;
}

/** The sha256 hex digest of a plain key (what the config file stores). */
export function hashKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

/** Checks presented keys against the configured digests. */
export class KeyStore {
  #keys: Stored[];

  constructor(entries: KeyEntry[]) {
    this.#keys = entries.map((e) => {
      if (!/^[0-9a-f]{64}$/i.test(e.sha256)) throw new Error(`API key digest for '${e.name ?? '?'}' is not 64 hex characters`);
      const id = e.name ?? `key-${e.sha256.slice(0, 8).toLowerCase()}`;
      return { digest: Buffer.from(e.sha256, 'hex'), principal: { id, role: e.role ?? 'user' } };
    });
  }

  /** Build from config entries plus plain keys (PSR_API_KEYS for users, PSR_ADMIN_KEYS for admins). */
  static from(entries: KeyEntry[], plain: { user?: string[]; admin?: string[] } = {}): KeyStore {
    const hashed = (keys: string[] | undefined, role: 'user' | 'admin'): KeyEntry[] =>
      (keys ?? []).filter((k) => k !== '').map((k) => ({ sha256: hashKey(k), role }));
    return new KeyStore([...entries, ...hashed(plain.user, 'user'), ...hashed(plain.admin, 'admin')]);
  }

  /** True when any key is configured (auth is off otherwise). */
  get enabled(): boolean {
    return this.#keys.length > 0;
  }

  /** How many keys are configured. */
  get size(): number {
    return this.#keys.length;
  }

  /**
   * The principal for a presented key, or undefined. Every configured digest is compared
   * (no early exit) with timingSafeEqual over fixed-length digests, so timing reveals nothing.
   */
  verify(presented: string): Principal | undefined {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: Principal | undefined;
    for (const k of this.#keys) {
      if (timingSafeEqual(digest, k.digest) && !found) found = k.principal;
    }
    return found;
  }
}
