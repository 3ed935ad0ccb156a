/** What the store accepts: the shape every stored object must have, valid names, and generateName suffixes. */
import { KINDS, KIND_API_VERSION, ObjectStoreError, isNamespaced, type Kind, type NewObj, type Obj, type SimObjectMeta } from './store-types';

// The alphabet Kubernetes uses for generateName suffixes (no vowels, no confusable digits).
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Deep-copies input and checks the shape every stored object must have. */
export function normalize(input: NewObj): Obj {
  if (!input || typeof input !== 'object') throw new ObjectStoreError(422, 'Invalid', 'object must be a JSON object');
  const kind = input.kind as Kind;
  if (!KINDS.includes(kind)) throw new ObjectStoreError(422, 'Invalid', `unsupported kind ${JSON.stringify(input.kind)}`);
  if (input.apiVersion !== KIND_API_VERSION[kind]) {
    throw new ObjectStoreError(422, 'Invalid', `${kind} must have apiVersion ${KIND_API_VERSION[kind]}, got ${JSON.stringify(input.apiVersion)}`);
  }
  const obj = JSON.parse(JSON.stringify(input)) as Obj;
  const meta = (obj.metadata ?? {}) as SimObjectMeta;
  if (typeof meta !== 'object' || Array.isArray(meta)) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata must be an object`);
  obj.metadata = meta;
  if (isNamespaced(kind)) {
    if (!meta.namespace) throw new ObjectStoreError(422, 'Invalid', `${kind} ${meta.name ?? ''}: metadata.namespace is required`);
    if (!DNS_LABEL.test(meta.namespace)) throw new ObjectStoreError(422, 'Invalid', `${kind}: invalid namespace ${JSON.stringify(meta.namespace)}`);
  } else if (meta.namespace) {
    throw new ObjectStoreError(422, 'Invalid', `${kind} is cluster-scoped: metadata.namespace must be empty, got ${JSON.stringify(meta.namespace)}`);
  } else {
    delete meta.namespace;
  }
  for (const field of ['labels', 'annotations'] as const) {
    const m = meta[field];
    if (m === undefined || m === null) {
      delete meta[field];
      continue;
    }
    if (typeof m !== 'object' || Array.isArray(m)) throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.${field} must be a map of strings`);
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') throw new ObjectStoreError(422, 'Invalid', `${kind}: metadata.${field}.${k} must be a string, got ${JSON.stringify(v)}`);
    }
  }
  if (meta.ownerReferences !== undefined) {
    if (!Array.isArray(meta.ownerReferences) || meta.ownerReferences.some((r) => !r || typeof r.uid !== 'string' || !r.uid)) {
      throw new ObjectStoreError(422, 'Invalid', `${kind}: every metadata.ownerReferences entry needs a uid`);
    }
  }
  return obj;
}

export function validateName(kind: Kind, name: string): void {
  const ok = kind === 'Namespace' ? DNS_LABEL.test(name) && name.length <= 63 : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok) {
    throw new ObjectStoreError(
      422,
      'Invalid',
      `${kind} "${name}" is invalid: metadata.name: a lowercase RFC 1123 ${kind === 'Namespace' ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

/** A five-character generateName suffix drawn from rng. */
export function nameSuffix(rng: () => number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += SUFFIX_ALPHABET[Math.floor(rng() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length];
  return s;
}
