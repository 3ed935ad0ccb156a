import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AwsState, EksFargateProfile } from './aws';
import { applySnapshot, buildView, ViewBuilder, type BuilderEvent } from './builder';
import { applyDelta } from './delta';
import { objectKey, type KubeByResource, type KubeObject, type KubePod, type KubeResource } from './kube';
import type { ClusterView } from './model';
import { viewJson } from './view-json';
import { loadFixture, optionsFor } from '../../fixtures/view';

/**
 * The incremental builder must agree with a full rebuild: after any sequence of events, the view obtained by
 * applying the emitted deltas to the first view equals the view built from scratch from the final objects.
 */

const fixture = loadFixture('eksworkshop');
const NOW = fixture.now;
const RESOURCES: KubeResource[] = ['namespaces', 'nodes', 'services', 'targetgroupbindings', 'pods', 'events'];

/** The truth the test keeps: plain objects by resource and key, and the AWS parts. */
interface Model {
  objects: Record<KubeResource, Map<string, KubeObject>>;
  aws: AwsState;
  rv: number;
  serial: number;
}

function newModel(): Model {
  const f = clone(fixture);
  const objects = {} as Record<KubeResource, Map<string, KubeObject>>;
  for (const r of [...RESOURCES, 'replicasets'] as KubeResource[]) {
    objects[r] = new Map(((f.objects[r] ?? []) as KubeObject[]).map((o) => [objectKey(o.metadata), o]));
  }
  return { objects, aws: f.aws, rv: 50_000, serial: 0 };
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

function pick<T>(items: T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** An op is a kind and a few numbers; it is interpreted against the model's current contents. */
type Op = { kind: number; a: number; b: number; c: number };

const NODE_NAMES = (fixture.objects.nodes ?? []).map((n) => n.metadata.name);
const CPUS = [undefined, '100m', '500m', '1', '6'];
const MEMS = [undefined, '70Mi', '750M', '1750M', '3Gi'];
const ANNOTATIONS = [undefined, '0.5vCPU 1GB', '1vCPU 2GB', '1vCPU 3GB', 'bogus'];
const IPS = ['172.31.61.98', '172.31.85.129', '172.31.55.250', '10.9.9.9'];
const APPS = ['nginx-mixed-fargate', 'nginx-mixed-ec2', 'nginx-fargate-pod', 'nginx-ec2nodegroup', 'nobody'];
const NAMESPACES = ['test1-ec2nodegroup', 'test2-fargate', 'test3-mixed', 'kube-system', 'brand-new'];
const INSTANCE_TYPES = ['t3.xlarge', 'm5.large', 'x9.huge'];

function put(m: Model, r: KubeResource, obj: KubeObject): BuilderEvent {
  obj.metadata.resourceVersion = String(++m.rv);
  m.objects[r].set(objectKey(obj.metadata), obj);
  return { type: 'upsert', resource: r, object: clone(obj) };
}

function del(m: Model, r: KubeResource, obj: KubeObject): BuilderEvent {
  m.objects[r].delete(objectKey(obj.metadata));
  return { type: 'delete', resource: r, object: clone(obj) };
}

function editPod(m: Model, op: Op, edit: (p: KubePod) => void): BuilderEvent[] {
  const p = pick([...m.objects.pods.values()] as KubePod[], op.a);
  if (!p) return [];
  const next = clone(p);
  edit(next);
  return [put(m, 'pods', next)];
}

function setEks(m: Model, edit: (profiles: EksFargateProfile[]) => EksFargateProfile[]): BuilderEvent[] {
  const eks = m.aws.eks ? clone(m.aws.eks) : { cluster: null, nodegroups: [], profiles: [] };
  eks.profiles = edit(eks.profiles);
  m.aws = { ...m.aws, eks };
  return [{ type: 'eks', eks: clone(eks) }];
}

/** Applies one op to the model and returns the events the builder should see. */
function interpret(m: Model, op: Op): BuilderEvent[] {
  const nodes = NODE_NAMES;
  switch (op.kind % 24) {
    case 0: // toggle the label that test3-mixed selects on
      return editPod(m, op, (p) => {
        const labels = (p.metadata.labels ??= {});
        if (labels.runon) delete labels.runon;
        else labels.runon = 'fargate';
      });
    case 1: // move to another node, or back to Pending
      return editPod(m, op, (p) => {
        const node = op.b % 3 === 0 ? undefined : pick(nodes, op.b);
        if (node) {
          p.spec.nodeName = node;
          p.status = { ...p.status, phase: 'Running' };
        } else {
          delete p.spec.nodeName;
          p.status = { phase: 'Pending' };
        }
      });
    case 2: // finish or restart
      return editPod(m, op, (p) => {
        p.status = { ...p.status, phase: ['Succeeded', 'Failed', 'Running'][op.b % 3] };
      });
    case 3: // resize requests
      return editPod(m, op, (p) => {
        const requests: Record<string, string> = {};
        const cpu = CPUS[op.b % CPUS.length];
        const mem = MEMS[op.c % MEMS.length];
        if (cpu) requests.cpu = cpu;
        if (mem) requests.memory = mem;
        p.spec.containers[0].resources = { requests, ...(op.b % 4 === 0 ? { limits: { cpu: '4' } } : {}) };
      });
    case 4: // what AWS wrote
      return editPod(m, op, (p) => {
        const ann = ANNOTATIONS[op.b % ANNOTATIONS.length];
        p.metadata.annotations = ann ? { CapacityProvisioned: ann } : {};
      });
    case 5: // IPs collide and move
      return editPod(m, op, (p) => {
        p.status = { ...p.status, podIP: IPS[op.b % IPS.length] };
      });
    case 6: {
      const p = pick([...m.objects.pods.values()], op.a);
      return p ? [del(m, 'pods', p)] : [];
    }
    case 7: {
      // a new pod, from a fixture pod
      const base = pick(fixture.objects.pods ?? [], op.a);
      if (!base) return [];
      const p = clone(base);
      p.metadata.name = `new-${++m.serial}`;
      p.metadata.uid = `uid-new-${m.serial}`;
      p.metadata.namespace = NAMESPACES[op.b % NAMESPACES.length];
      p.metadata.labels = { app: APPS[op.c % APPS.length], ...(op.c % 2 ? { runon: 'fargate' } : {}) };
      if (op.b % 2) p.spec.nodeName = pick(nodes, op.c);
      return [put(m, 'pods', p)];
    }
    case 8: // same name, new uid (deleted and recreated during a gap)
      return editPod(m, op, (p) => {
        p.metadata.uid = `uid-re-${++m.serial}`;
      });
    case 9: {
      const n = pick([...m.objects.nodes.values()] as KubeByResource['nodes'][], op.a);
      if (!n) return [];
      const next = clone(n);
      const labels = (next.metadata.labels ??= {});
      if (op.b % 3 === 0) labels['node.kubernetes.io/instance-type'] = INSTANCE_TYPES[op.c % INSTANCE_TYPES.length];
      if (op.b % 3 === 1 && next.status?.allocatable) next.status.allocatable.cpu = ['3920m', '500m', '8'][op.c % 3];
      if (op.b % 3 === 2) next.spec = { ...next.spec, unschedulable: op.c % 2 === 0 };
      return [put(m, 'nodes', next)];
    }
    case 10: {
      const n = pick([...m.objects.nodes.values()], op.a);
      return n ? [del(m, 'nodes', n)] : [];
    }
    case 11: {
      const base = pick(fixture.objects.nodes ?? [], op.a);
      if (!base || m.objects.nodes.has(base.metadata.name)) return [];
      return [put(m, 'nodes', clone(base))];
    }
    case 12: {
      const s = pick([...m.objects.services.values()] as KubeByResource['services'][], op.a);
      if (!s) return [];
      const next = clone(s);
      next.spec = { ...next.spec, selector: { app: APPS[op.b % APPS.length] } };
      if (op.c % 2 && next.metadata.annotations) {
        next.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] = op.c % 4 === 1 ? 'instance' : 'ip';
      }
      return [put(m, 'services', next)];
    }
    case 13: {
      const s = pick([...m.objects.services.values()], op.a);
      return s ? [del(m, 'services', s)] : [];
    }
    case 14:
      return setEks(m, (ps) => ps.map((p) => (p.name === 'test3-mixed' ? { ...p, selectors: [{ namespace: 'test3-mixed', labels: op.b % 2 ? {} : { runon: 'fargate' } }] } : p)));
    case 15:
      return setEks(m, (ps) =>
        ps.some((p) => p.name === 'aa-catchall')
          ? ps.filter((p) => p.name !== 'aa-catchall')
          : [
              ...ps,
              {
                name: 'aa-catchall',
                status: op.b % 2 ? 'ACTIVE' : 'CREATING',
                selectors: [{ namespace: 'test*', labels: {} }],
                subnets: ['subnet-031022a6aab9b9e70'],
                podExecutionRoleArn: 'arn:aws:iam::133129065110:role/catchall',
                tags: {},
                createdAt: null,
                healthIssues: [],
              },
            ],
      );
    case 16:
      return setEks(m, (ps) => ps.filter((p) => p.name !== 'test2-fargate'));
    case 17: {
      // EKS unreachable, then back
      if (m.aws.eks) {
        m.aws = { ...m.aws, eks: null };
        return [{ type: 'eks', eks: null }];
      }
      const eks = clone(fixture.aws.eks);
      m.aws = { ...m.aws, eks };
      return [{ type: 'eks', eks: clone(eks) }];
    }
    case 18: {
      const lbs = clone(m.aws.loadBalancers ?? fixture.aws.loadBalancers ?? []);
      const lb = pick(lbs, op.a);
      const t = lb?.targetGroups[0]?.targets?.[op.b % 2];
      if (t) t.state = ['healthy', 'unhealthy', 'draining'][op.c % 3];
      m.aws = { ...m.aws, loadBalancers: op.c % 5 === 0 ? null : lbs };
      return [{ type: 'loadBalancers', loadBalancers: clone(m.aws.loadBalancers) }];
    }
    case 19: {
      const subnets = clone(m.aws.subnets ?? []);
      const s = pick(subnets, op.a);
      if (s) s.public = !s.public;
      m.aws = { ...m.aws, subnets };
      return [{ type: 'subnets', subnets: clone(subnets) }];
    }
    case 20: {
      const base = pick(fixture.objects.events ?? [], op.a);
      if (!base) return [];
      const e = clone(base);
      e.metadata.name = `ev-${++m.serial}`;
      e.metadata.uid = `uid-ev-${m.serial}`;
      e.lastTimestamp = `2026-03-26T1${op.b % 2}:${String(op.c % 60).padStart(2, '0')}:00Z`;
      return [put(m, 'events', e)];
    }
    case 21: {
      const e = pick([...m.objects.events.values()], op.a);
      return e ? [del(m, 'events', e)] : [];
    }
    case 22: {
      // a relist after a dropped watch: the server's whole list, with one pod gone meanwhile
      const gone = pick([...m.objects.pods.keys()], op.a);
      if (gone && op.b % 2) m.objects.pods.delete(gone);
      return [{ type: 'replace', resource: 'pods', objects: clone([...m.objects.pods.values()]) }];
    }
    default: {
      const ns = NAMESPACES[op.a % NAMESPACES.length];
      const existing = m.objects.namespaces.get(ns);
      if (existing) return [del(m, 'namespaces', existing)];
      return [put(m, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, uid: `uid-ns-${ns}`, creationTimestamp: NOW } })];
    }
  }
}

function fullView(m: Model, maxEvents: number): ClusterView {
  const objects = {} as Record<KubeResource, KubeObject[]>;
  for (const r of Object.keys(m.objects) as KubeResource[]) objects[r] = clone([...m.objects[r].values()]);
  return buildView({ objects: objects as Parameters<typeof buildView>[0]['objects'], aws: clone(m.aws), kubernetesVersion: fixture.kubernetesVersion }, optionsFor(fixture, { maxEvents }), NOW);
}

function plain(v: ClusterView): unknown {
  return JSON.parse(JSON.stringify(v));
}

const opArb = fc.record({ kind: fc.nat(23), a: fc.nat(1000), b: fc.nat(1000), c: fc.nat(1000) });

function check(ops: Op[], flushes: boolean[], maxEvents: number): void {
  const m = newModel();
  const b = new ViewBuilder(optionsFor(fixture, { maxEvents }));
  applySnapshot(b, { objects: Object.fromEntries(RESOURCES.map((r) => [r, clone([...m.objects[r].values()])])), aws: clone(m.aws), kubernetesVersion: fixture.kubernetesVersion });
  let view = b.view(NOW);
  b.takeDelta(NOW); // the first view already holds everything
  let seq = 0;
  ops.forEach((op, i) => {
    for (const ev of interpret(m, op)) b.apply(ev);
    if (flushes[i % flushes.length]) {
      const d = b.takeDelta(NOW);
      if (d) view = applyDelta(view, { ...d, seq: ++seq });
      // Serialize now and then, so later snapshots meet rows cached by earlier ones.
      snapshotJson(b);
    }
  });
  const last = b.takeDelta(NOW);
  if (last) view = applyDelta(view, { ...last, seq: ++seq });
  const full = fullView(m, maxEvents);
  expect(plain(view)).toEqual(plain(full));
  expect(plain(b.view(NOW))).toEqual(plain(full));
  expect(JSON.parse(snapshotJson(b))).toEqual(plain(full));
}

/** The snapshot as the view route and the live stream send it. */
function snapshotJson(b: ViewBuilder): string {
  const { view, nowMs } = b.unstampedView(NOW);
  return viewJson(view, nowMs);
}

describe('incremental deltas', () => {
  it('rebuild exactly the view a full build gives, for any sequence of events', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (ops, flushes) => {
        check(ops, flushes, 500);
      }),
      { numRuns: 100, seed: 20260326 },
    );
  });

  it('keep the newest events when the view holds only a few', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom(20, 21, 6, 1), a: fc.nat(50), b: fc.nat(50), c: fc.nat(59) }), { maxLength: 40 }), (ops) => {
        check(ops, [true, false], 3);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('send nothing when nothing changed, and a pod event as one pod row', () => {
    const m = newModel();
    const b = new ViewBuilder(optionsFor(fixture));
    applySnapshot(b, { objects: Object.fromEntries(RESOURCES.map((r) => [r, clone([...m.objects[r].values()])])), aws: clone(m.aws) });
    b.takeDelta(NOW);
    expect(b.takeDelta(NOW)).toBeNull();
    // The same object again (same resourceVersion) is not a change.
    const pod = clone(m.objects.pods.get('test3-mixed/nginx-mixed-ec2-5c68c7c8df-8fmng') as KubePod);
    b.apply({ type: 'upsert', resource: 'pods', object: pod });
    expect(b.takeDelta(NOW)).toBeNull();
    // A relabelled pod: its row, its namespace, its node; nothing else.
    pod.metadata.resourceVersion = '99999';
    pod.metadata.labels = { ...pod.metadata.labels, team: 'web' };
    b.apply({ type: 'upsert', resource: 'pods', object: pod });
    const d = b.takeDelta(NOW);
    expect(d?.upsert.pods?.map((p) => p.name)).toEqual(['nginx-mixed-ec2-5c68c7c8df-8fmng']);
    expect(d?.upsert.pods?.[0].labels.team).toBe('web');
    expect(Object.keys(d?.upsert ?? {}).sort()).toEqual(['pods']);
    expect(d?.remove).toEqual({});
  });
});
