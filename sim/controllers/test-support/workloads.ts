import type { Obj } from '../../store';

/** Test support: polls `check` every 10 ms until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 100_000; i++) {
    const v = check();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A Deployment as `kubectl apply` would create it. */
export function deploymentManifest(ns: string, name: string, opts: { replicas?: number; labels?: Record<string, string>; requests?: Record<string, string>; podSpec?: Record<string, unknown> } = {}): Omit<Obj, 'metadata'> & { metadata: { name: string; namespace: string; labels: Record<string, string> } } {
  const labels = { app: name, ...opts.labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: opts.podSpec ?? {
          containers: [{ name, image: 'public.ecr.aws/nginx/nginx:1.24-alpine-slim', ports: [{ containerPort: 80 }], ...(opts.requests ? { resources: { requests: opts.requests } } : {}) }],
        },
      },
    },
  };
}

export function podsOf(pods: Obj[], app: string): Obj[] {
  return pods.filter((p) => p.metadata.labels?.app === app);
}

export const phase = (p: Obj) => (p.status as { phase?: string } | undefined)?.phase;
export const nodeOf = (p: Obj) => (p.spec as { nodeName?: string } | undefined)?.nodeName;
