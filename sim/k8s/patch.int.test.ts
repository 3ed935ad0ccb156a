import { describe, expect, it } from 'vitest';
import { PatchError, applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { keep: 'me' } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ key: 'x', operator: 'Exists' }],
      },
    },
  },
};

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes with null and replaces lists', () => {
    const out = mergePatch(deployment, { metadata: { labels: { tier: 'fe' }, annotations: { keep: null } }, spec: { replicas: 5, template: { spec: { tolerations: [] } } } }) as typeof deployment;
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(out.metadata.annotations).toEqual({});
    expect(out.spec.replicas).toBe(5);
    expect(out.spec.template.spec.tolerations).toEqual([]);
    expect(out.spec.template.spec.containers).toHaveLength(2);
  });

  it('follows the RFC 7386 examples', () => {
    expect(mergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(mergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(mergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(mergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(mergePatch(['a', 'b'], ['c', 'd'])).toEqual(['c', 'd']);
    expect(mergePatch({ a: 'foo' }, 'bar')).toBe('bar');
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });

  it('leaves its input untouched', () => {
    const before = JSON.stringify(deployment);
    mergePatch(deployment, { spec: { replicas: 9 } });
    expect(JSON.stringify(deployment)).toBe(before);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add, remove, replace, move, copy and test', () => {
    const out = jsonPatch(deployment, [
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'slash' },
      { op: 'remove', path: '/metadata/annotations/keep' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'third', image: 'x' } },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/copy', path: '/metadata/labels/moved' },
    ]) as typeof deployment;
    expect(out.spec.replicas).toBe(3);
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe', moved: 'web' });
    expect(out.metadata.annotations).toEqual({ 'a/b': 'slash' });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'sidecar', 'third']);
  });

  it('fails with a PatchError naming the operation for a failed test or a missing path', () => {
    expect(() => jsonPatch(deployment, [{ op: 'test', path: '/spec/replicas', value: 7 }])).toThrow(/operation 0 \(test \/spec\/replicas\)/);
    expect(() => jsonPatch(deployment, [{ op: 'remove', path: '/nope' }])).toThrow(PatchError);
    expect(() => jsonPatch(deployment, [{ op: 'replace', path: '/spec/missing', value: 1 }])).toThrow(PatchError);
    expect(() => jsonPatch(deployment, [{ op: 'add', path: '/spec/template/spec/containers/9', value: {} }])).toThrow(/out of bounds/);
    expect(() => jsonPatch(deployment, { op: 'add' })).toThrow(/array of operations/);
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name and env by name, keeping the rest', () => {
    const out = strategicMergePatch(deployment, {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }] }] } } },
    }) as typeof deployment;
    const [nginx, sidecar] = out.spec.template.spec.containers;
    expect(nginx.image).toBe('nginx:1.27');
    expect(nginx.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    expect(nginx.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(sidecar).toEqual({ name: 'sidecar', image: 'busybox' });
  });

  it('applies what `kubectl rollout restart` sends', () => {
    const out = strategicMergePatch(deployment, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T12:00:00Z' } } } } }) as {
      spec: { template: { metadata: { labels: unknown; annotations: unknown } } };
    };
    expect(out.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-26T12:00:00Z' } });
  });

  it('honours $patch: delete in a merged list, and $setElementOrder', () => {
    const out = strategicMergePatch(deployment, {
      spec: {
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }],
            containers: [{ name: 'nginx', env: [{ name: 'A', $patch: 'delete' }] }],
          },
        },
      },
    }) as typeof deployment;
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'nginx']);
    expect(out.spec.template.spec.containers[1].env).toEqual([{ name: 'B', value: '2' }]);
  });

  it('replaces lists without a merge key (tolerations) and deletes keys set to null', () => {
    const out = strategicMergePatch(deployment, { metadata: { annotations: { keep: null } }, spec: { template: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } } } }) as typeof deployment;
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }]);
    expect(out.metadata.annotations).toEqual({});
  });

  it('supports $retainKeys, $patch: replace on a map and $deleteFromPrimitiveList', () => {
    const base = { metadata: { finalizers: ['a', 'b'] }, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
    const out = strategicMergePatch(base, {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    });
    expect(out).toEqual({ metadata: { finalizers: ['b'] }, spec: { strategy: { type: 'Recreate' } } });
    expect(strategicMergePatch({ m: { a: 1, b: 2 } }, { m: { $patch: 'replace', c: 3 } })).toEqual({ m: { c: 3 } });
  });

  it('merges finalizers as a set and service ports by port', () => {
    const svc = { metadata: { finalizers: ['x'] }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } };
    const out = strategicMergePatch(svc, { metadata: { finalizers: ['x', 'y'] }, spec: { ports: [{ port: 80, nodePort: 30080 }, { port: 443 }] } });
    expect(out).toEqual({ metadata: { finalizers: ['x', 'y'] }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }, { port: 443 }] } });
  });
});

describe('server-side apply (approximation)', () => {
  it('merges the applied configuration into the live object', () => {
    const out = applyPatch(deployment, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 4 } }) as typeof deployment;
    expect(out.spec.replicas).toBe(4);
    expect(out.spec.template.spec.containers).toHaveLength(2);
    expect(() => applyPatch(deployment, ['x'])).toThrow(PatchError);
  });
});
