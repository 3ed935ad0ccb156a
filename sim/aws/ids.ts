/**
 * Deterministic identifiers. Everything the simulator invents (instance ids, ARN suffixes, DNS ids, uids)
 * derives from a hash of a stable key, so two runs with the same seed produce identical state and tests
 * can name objects in advance. The hash is a fast non-cryptographic mix (ids only need to look random
 * and not collide in practice; the scale scenario makes tens of thousands of them).
 */

/** 32 bits of a string under one lane seed (murmur-style multiply, xor-shift finalizer). */
function lane(key: string, seed: number): number {
  let h = seed ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `len` lowercase hex characters derived from `key`. */
export function hexOf(key: string, len: number): string {
  let out = '';
  for (let i = 0; out.length < len; i++) out += lane(key, 0x9e3779b9 + i * 0x632be5ab).toString(16).padStart(8, '0');
  return out.slice(0, len);
}

/** A UUID-shaped string (8-4-4-4-12 hex) derived from `key`. */
export function uuidOf(key: string): string {
  const h = hexOf(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Counter-based generator: each call yields a fresh id, the sequence fixed by the prefix. */
export class IdSource {
  private n = 0;
  constructor(private readonly prefix: string) {}

  /** Next `len`-character hex id. */
  hex(len: number): string {
    this.n += 1;
    return hexOf(`${this.prefix}#${this.n}`, len);
  }

  /** Next UUID-shaped id. */
  uuid(): string {
    this.n += 1;
    return uuidOf(`${this.prefix}#${this.n}`);
  }
}
