/**
 * The body of a what-if request → the pod templates to size, or the refusal to send. Pure, so the server runs it
 * in a worker thread (lib/server/parse-off-thread.ts): a megabyte of YAML or JSON never blocks the event loop.
 *
 * Accepted bodies: JSON {manifests, namespace?}, JSON {files: [{name, text}], namespace?} for uploads, or the raw
 * text (text/plain, application/yaml) with the namespace from the URL.
 */
import { isNamespaceName } from './query';
import { ManifestError, readManifests, type PodTemplate } from '../k8s/manifest';
import type { ApiError } from '../view/model';
import { MAX_WHATIF_BYTES } from './whatif';

const WHATIF_YAML_TYPES = ['text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export interface WhatIfInput {
  /** The body's media type without parameters. */
  type: string;
  text: string;
  /** ?namespace= of the URL, used for raw text bodies. */
  namespace: string | null;
}

export type WhatIfDecoded =
  | { ok: true; templates: PodTemplate[]; sources: (string | null)[]; namespace: string }
  | { ok: false; status: 400 | 415 | 422; body: ApiError & Record<string, unknown> };

const invalid = (detail: string): WhatIfDecoded => ({ ok: false, status: 400, body: { error: 'invalid request', detail, source: 'request' } });

/** The 415 refusal for a body type the route does not read, or null; checked before the body is read. */
export function whatIfTypeProblem(type: string): (WhatIfDecoded & { ok: false }) | null {
  if (type === 'application/json' || WHATIF_YAML_TYPES.includes(type)) return null;
  return { ok: false, status: 415, body: { error: 'unsupported media type', detail: 'send JSON {manifests, namespace?} or the manifests as text/plain or application/yaml', source: 'request' } };
}

export function decodeWhatIf(input: WhatIfInput): WhatIfDecoded {
  const { type, text } = input;
  const wrongType = whatIfTypeProblem(type);
  if (wrongType) return wrongType;
  // Pasted text is one input; uploaded files are read one by one so documents and errors name their file.
  let inputs: { name: string | null; text: string }[] = [{ name: null, text }];
  let namespace = input.namespace ?? 'default';
  if (type === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return invalid(`the body is not JSON: ${(e as Error).message}`);
    }
    const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    if (Array.isArray(b.files)) {
      inputs = [];
      for (const [i, f] of b.files.entries()) {
        const file = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
        if (typeof file.name !== 'string' || typeof file.text !== 'string') return invalid(`files[${i}] must be {name, text} with two strings`);
        inputs.push({ name: file.name.slice(0, 255), text: file.text });
      }
    } else if (typeof b.manifests === 'string') {
      inputs = [{ name: null, text: b.manifests }];
    } else {
      return invalid('send manifests (the YAML or JSON text, as a string) or files ([{name, text}])');
    }
    if (b.namespace !== undefined && b.namespace !== null) {
      if (typeof b.namespace !== 'string') return invalid('namespace must be a string');
      namespace = b.namespace;
    }
  }
  if (!isNamespaceName(namespace)) {
    return { ok: false, status: 400, body: { error: 'invalid namespace', detail: `${JSON.stringify(namespace.slice(0, 80))} is not a namespace name (lower-case letters, digits and dashes, at most 63)`, source: 'request' } };
  }
  if (inputs.every((i) => i.text.trim() === '')) return { ok: false, status: 400, body: { error: 'no manifests', detail: 'paste or upload at least one Kubernetes manifest', source: 'request' } };

  const templates: PodTemplate[] = [];
  const sources: (string | null)[] = [];
  for (const one of inputs) {
    try {
      for (const t of readManifests(one.text, { maxBytes: MAX_WHATIF_BYTES })) {
        templates.push(t);
        sources.push(one.name);
      }
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      const detail = one.name ? `${one.name}: ${e.message}` : e.message;
      return { ok: false, status: 422, body: { error: 'manifest cannot be read', detail, source: 'request', file: one.name, document: e.document, field: e.field } };
    }
  }
  if (templates.length === 0) {
    return { ok: false, status: 422, body: { error: 'no pod templates', detail: 'the manifests hold no Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or CronJob', source: 'request' } };
  }
  return { ok: true, templates, sources, namespace };
}
