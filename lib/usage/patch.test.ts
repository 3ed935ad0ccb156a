/**
 * The copyable patches: the exact commands a user pastes, and the strategic-merge YAML read back with the `yaml`
 * package. Shapes from the Kubernetes API (a Deployment's pod template under spec.template, a CronJob's under
 * spec.jobTemplate.spec.template, native sidecars under initContainers) and kubectl's `set resources` usage
 * (`-c=<container> --requests=cpu=…,memory=…`). patch.int.test.ts runs the same output through kubectl.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cpuQuantity, memoryQuantity, patchForRecommendation, workloadPatch, type InPlacePatch, type ManualPatch, type RecreatePatch } from './patch';
import type { Recommended } from './recommend';

const MI = 1024 ** 2;
const web = { namespace: 'shop', kind: 'Deployment', name: 'web', containers: [{ container: 'nginx', requests: { cpuMillis: 120, memoryBytes: 96 * MI } }] };

describe('quantities', () => {
  it('CPU in millicores, whole cores plainly; memory in the largest exact binary unit', () => {
    expect([cpuQuantity(120), cpuQuantity(1500), cpuQuantity(2000), cpuQuantity(0)]).toEqual(['120m', '1500m', '2', '0m']);
    expect([memoryQuantity(96 * MI), memoryQuantity(1024 * MI), memoryQuantity(1_000_000_000), memoryQuantity(1536 * 1024)]).toEqual(['96Mi', '1Gi', '1000000000', '1536Ki']);
    expect(() => cpuQuantity(12.5)).toThrow('CPU must be a whole number of millicores ≥ 0, got 12.5');
    expect(() => memoryQuantity(-1)).toThrow('memory must be a whole number of bytes ≥ 0, got -1');
  });
});

describe('a Deployment', () => {
  const p = workloadPatch(web) as InPlacePatch;

  it('one kubectl set resources per container', () => {
    expect(p.kind).toBe('patch');
    expect(p.setResources).toEqual(['kubectl set resources deployment/web -n shop -c=nginx --requests=cpu=120m,memory=96Mi']);
  });

  it('a strategic-merge YAML with the requests under the pod template', () => {
    expect(parse(p.yaml)).toEqual({ spec: { template: { spec: { containers: [{ name: 'nginx', resources: { requests: { cpu: '120m', memory: '96Mi' } } }] } } } });
    expect(p.yaml).toBe(['spec:', '  template:', '    spec:', '      containers:', '        - name: nginx', '          resources:', '            requests:', '              cpu: 120m', '              memory: 96Mi', ''].join('\n'));
  });

  it('the kubectl patch one-liner carries the same patch as JSON', () => {
    expect(p.patchCommand).toBe(
      `kubectl patch deployment web -n shop --type strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","resources":{"requests":{"cpu":"120m","memory":"96Mi"}}}]}}}}'`,
    );
    expect(JSON.parse(/-p '(.*)'$/.exec(p.patchCommand)![1])).toEqual(parse(p.yaml));
    expect(p.note).toMatch(/starts a rollout/);
  });

  it('several containers, a native sidecar under initContainers', () => {
    const two = workloadPatch({
      ...web,
      containers: [
        { container: 'nginx', requests: { cpuMillis: 1000, memoryBytes: 1024 * MI } },
        { container: 'envoy', role: 'sidecar', requests: { cpuMillis: 25, memoryBytes: 60 * MI } },
      ],
    }) as InPlacePatch;
    expect(two.setResources).toEqual([
      'kubectl set resources deployment/web -n shop -c=nginx --requests=cpu=1,memory=1Gi',
      'kubectl set resources deployment/web -n shop -c=envoy --requests=cpu=25m,memory=60Mi',
    ]);
    expect(parse(two.yaml)).toEqual({
      spec: {
        template: {
          spec: {
            containers: [{ name: 'nginx', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
            initContainers: [{ name: 'envoy', resources: { requests: { cpu: '25m', memory: '60Mi' } } }],
          },
        },
      },
    });
  });
});

describe('other kinds', () => {
  it('a CronJob: the template sits under spec.jobTemplate.spec.template', () => {
    const p = workloadPatch({ ...web, kind: 'CronJob', name: 'nightly', containers: [{ container: 'report', requests: { cpuMillis: 250, memoryBytes: 512 * MI } }] }) as InPlacePatch;
    expect(p.setResources).toEqual(['kubectl set resources cronjob/nightly -n shop -c=report --requests=cpu=250m,memory=512Mi']);
    expect(parse(p.yaml)).toEqual({ spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'report', resources: { requests: { cpu: '250m', memory: '512Mi' } } }] } } } } } });
    expect(p.patchCommand).toMatch(/^kubectl patch cronjob nightly -n shop --type strategic -p '\{"spec":\{"jobTemplate":/);
  });

  it('StatefulSet and DaemonSet are patched in place like a Deployment', () => {
    expect((workloadPatch({ ...web, kind: 'StatefulSet', name: 'db' }) as InPlacePatch).setResources[0]).toBe('kubectl set resources statefulset/db -n shop -c=nginx --requests=cpu=120m,memory=96Mi');
    expect((workloadPatch({ ...web, kind: 'DaemonSet', name: 'agent' }) as InPlacePatch).patchCommand).toMatch(/^kubectl patch daemonset agent -n shop /);
  });

  it('a bare Pod cannot be patched in place: it must be recreated', () => {
    const p = workloadPatch({ ...web, kind: 'Pod', name: 'solo', containers: [...web.containers, { container: 'sidecar', requests: { cpuMillis: 10, memoryBytes: 32 * MI } }] }) as RecreatePatch;
    expect(p.kind).toBe('recreate');
    expect(p.patchCommand).toBeNull();
    expect(p.reason).toMatch(/cannot be changed in place.*recreate it/);
    expect(p.setResources).toEqual([
      'kubectl get pod solo -n shop -o yaml | kubectl set resources -f - --local -c=nginx --requests=cpu=120m,memory=96Mi -o yaml | ' +
        'kubectl set resources -f - --local -c=sidecar --requests=cpu=10m,memory=32Mi -o yaml > solo.yaml',
    ]);
    // A Pod's containers are right under spec.
    expect(parse(p.yaml)).toEqual({
      spec: {
        containers: [
          { name: 'nginx', resources: { requests: { cpu: '120m', memory: '96Mi' } } },
          { name: 'sidecar', resources: { requests: { cpu: '10m', memory: '32Mi' } } },
        ],
      },
    });
  });

  it('a Job: its template is immutable, so the manifest changes offline', () => {
    const p = workloadPatch({ ...web, kind: 'Job', name: 'once' }) as RecreatePatch;
    expect(p.kind).toBe('recreate');
    expect(p.reason).toMatch(/pod template cannot be changed/);
    expect(p.setResources).toEqual(['kubectl set resources -f once.yaml --local -c=nginx --requests=cpu=120m,memory=96Mi -o yaml']);
  });

  it('a custom kind gets the numbers only', () => {
    const p = workloadPatch({ ...web, kind: 'Rollout', name: 'canary' }) as ManualPatch;
    expect(p).toEqual({
      kind: 'manual',
      workload: { namespace: 'shop', kind: 'Rollout', name: 'canary' },
      reason: expect.stringContaining('not Rollout'),
      requests: [{ container: 'nginx', cpu: '120m', memory: '96Mi' }],
    });
  });
});

describe('from a recommendation', () => {
  const rec = (containers: Recommended['containers']): Recommended => ({
    kind: 'recommendation',
    workload: { namespace: 'shop', kind: 'Deployment', name: 'web' },
    placement: 'fargate',
    replicas: 1,
    window: { since: '2026-11-25T00:00:00.000Z', until: '2026-11-26T00:00:00.000Z' },
    rule: '',
    containers,
    changed: true,
    underRequested: false,
    fargate: null,
    ec2: null,
    risk: { restarts: 0, oomKills: 0, cpuAtLimitBuckets: 0, messages: [] },
  });
  const advice = (container: string, role: 'container' | 'init', current: [number, number], recommended: [number, number]): Recommended['containers'][number] => ({
    container,
    role,
    current: { request: { cpuMillis: current[0], memoryBytes: current[1] }, limits: { cpuMillis: null, memoryBytes: null } },
    recommended: { cpuMillis: recommended[0], memoryBytes: recommended[1] },
    evidence: null,
    underRequested: { cpu: false, memory: false },
    cappedAtLimit: { cpu: false, memory: false },
  });

  it('patches only the containers that change, never init containers; nothing when nothing changes', () => {
    const p = patchForRecommendation(
      rec([advice('migrate', 'init', [1500, 256 * MI], [1500, 256 * MI]), advice('nginx', 'container', [500, 512 * MI], [115, 96 * MI]), advice('same', 'container', [10, 32 * MI], [10, 32 * MI])]),
    ) as InPlacePatch;
    expect(p.setResources).toEqual(['kubectl set resources deployment/web -n shop -c=nginx --requests=cpu=115m,memory=96Mi']);
    expect(patchForRecommendation(rec([advice('same', 'container', [10, 32 * MI], [10, 32 * MI])]))).toBeNull();
  });
});

describe('bad input gets a precise error', () => {
  it('names that Kubernetes would refuse (and a shell would have to quote)', () => {
    expect(() => workloadPatch({ ...web, name: "web'; rm -rf /" })).toThrow(`shop/Deployment/web'; rm -rf /: name "web'; rm -rf /" is not a valid object name`);
    expect(() => workloadPatch({ ...web, namespace: 'Shop' })).toThrow('namespace "Shop" is not a valid namespace name');
    expect(() => workloadPatch({ ...web, containers: [{ container: 'a b', requests: { cpuMillis: 1, memoryBytes: 1 } }] })).toThrow('container "a b" is not a valid container name');
    expect(() => workloadPatch({ ...web, containers: [] })).toThrow('shop/Deployment/web: no containers to patch');
  });
});
