import { k8sTime, type Obj, type WatchEvent } from '../store';
import { qosClass } from './objects';
import { podActive, podReady } from './placement';
import { keyOf, splitKey, type Controller, type Runtime } from './runtime';

/**
 * The Deployment and ReplicaSet controllers. A Deployment owns one ReplicaSet per pod template (the
 * template equal to the Deployment's, ignoring pod-template-hash, is the current one); a template
 * change — including `kubectl rollout restart`'s restartedAt annotation — makes a new ReplicaSet at
 * full size, and old ones shrink as the new pods become Ready. ReplicaSets create and delete pods to
 * match spec.replicas. Status fields are the ones `kubectl get deploy` and `kubectl rollout status` read.
 */

const HASH_LABEL = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';
const MAX_CREATES_PER_PASS = 500;
// The alphabet Kubernetes uses to encode the template hash (no vowels, no confusable digits).
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates always serialise identically. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Record<string, unknown>)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The pod-template-hash of a template: FNV-1a over its canonical JSON, encoded like Kubernetes' SafeEncodeString. */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let h = 0x811c9dc5;
  const text = stableStringify(template) + (collisionCount ? `#${collisionCount}` : '');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

function withoutHash(template: unknown): string {
  const t = JSON.parse(JSON.stringify(template ?? {})) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) {
    delete t.metadata.labels[HASH_LABEL];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return stableStringify(t);
}

interface Spec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
  revisionHistoryLimit?: number;
}

function specOf(o: Readonly<Obj>): Spec {
  return (o.spec ?? {}) as Spec;
}

function controllerRef(o: Readonly<Obj>, kind: string) {
  return (o.metadata.ownerReferences ?? []).find((r) => r.kind === kind && r.controller !== false);
}

/** Fills the defaults the API server would set on a pod spec built from a template. */
export function defaultPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    ...spec,
  };
  if (!Array.isArray(out.tolerations)) {
    out.tolerations = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
  }
  if (Array.isArray(out.containers)) {
    out.containers = (out.containers as Record<string, unknown>[]).map((c) => {
      const image = typeof c.image === 'string' ? c.image : '';
      const tag = image.includes('@') ? 'digest' : /:[^/:]+$/.test(image) ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
      return {
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: tag === 'latest' ? 'Always' : 'IfNotPresent',
        ...c,
      };
    });
  }
  return out;
}

/** Creates the controllers for Deployments and ReplicaSets. */
export function workloadsController(rt: Runtime): Controller {
  const { store } = rt;
  const podsByRs = new Map<string, Set<string>>();
  const podOwner = new Map<string, string>();
  const rsByDeploy = new Map<string, Set<string>>();
  const rsOwner = new Map<string, string>();
  const rsKeyByUid = new Map<string, string>();
  const deployKeyByUid = new Map<string, string>();

  function index<K>(by: Map<string, Set<K>>, owners: Map<K, string>, item: K, owner: string | undefined): string | undefined {
    const prev = owners.get(item);
    if (prev !== owner) {
      if (prev !== undefined) by.get(prev)?.delete(item);
      if (owner !== undefined) {
        let s = by.get(owner);
        if (!s) by.set(owner, (s = new Set()));
        s.add(item);
        owners.set(item, owner);
      } else owners.delete(item);
    }
    return prev;
  }

  const enqueueRs = (key: string) => rt.queue.add(`rs:${key}`, () => reconcileRs(key));
  const enqueueDeploy = (key: string) => rt.queue.add(`deploy:${key}`, () => reconcileDeployment(key));

  function onStore(ev: WatchEvent): void {
    const o = ev.object;
    const key = keyOf(o.metadata.namespace, o.metadata.name);
    if (o.kind === 'Pod') {
      const ref = controllerRef(o, 'ReplicaSet');
      const prev = index(podsByRs, podOwner, key, ev.type === 'DELETED' ? undefined : ref?.uid);
      for (const uid of new Set([prev, ref?.uid])) {
        const rsKey = uid && rsKeyByUid.get(uid);
        if (rsKey) enqueueRs(rsKey);
      }
    } else if (o.kind === 'ReplicaSet') {
      const ref = controllerRef(o, 'Deployment');
      if (ev.type === 'DELETED') {
        rsKeyByUid.delete(o.metadata.uid);
        podsByRs.delete(o.metadata.uid);
      } else rsKeyByUid.set(o.metadata.uid, key);
      const prev = index(rsByDeploy, rsOwner, key, ev.type === 'DELETED' ? undefined : ref?.uid);
      if (ev.type !== 'DELETED') enqueueRs(key);
      for (const uid of new Set([prev, ref?.uid])) {
        const dKey = uid && deployKeyByUid.get(uid);
        if (dKey) enqueueDeploy(dKey);
      }
    } else if (o.kind === 'Deployment') {
      if (ev.type === 'DELETED') {
        deployKeyByUid.delete(o.metadata.uid);
        rsByDeploy.delete(o.metadata.uid);
      } else {
        deployKeyByUid.set(o.metadata.uid, key);
        enqueueDeploy(key);
      }
    }
  }

  function activePods(rsUid: string): Readonly<Obj>[] {
    const out: Readonly<Obj>[] = [];
    for (const k of podsByRs.get(rsUid) ?? []) {
      const [ns, name] = splitKey(k);
      const p = store.getRaw('Pod', ns, name);
      if (p && !p.metadata.deletionTimestamp && podActive(p as Obj)) out.push(p);
    }
    return out;
  }

  function reconcileRs(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = store.getRaw('ReplicaSet', ns, name);
    if (!rs) return;
    const spec = specOf(rs);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const pods = activePods(rs.metadata.uid);
    const diff = desired - pods.length;
    if (diff > 0) {
      const n = Math.min(diff, MAX_CREATES_PER_PASS);
      for (let i = 0; i < n; i++) createPod(rs);
      if (diff > n) enqueueRs(key);
    } else if (diff < 0) {
      const rank = (p: Readonly<Obj>) => {
        const nodeName = (p.spec as { nodeName?: string } | undefined)?.nodeName;
        return (nodeName ? 2 : 0) + (podReady(p as Obj) ? 1 : 0);
      };
      const victims = [...pods]
        .sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))
        .slice(0, -diff);
      for (const v of victims) {
        store.delete('Pod', ns, v.metadata.name);
        rt.events.record(rs as Obj, 'Normal', 'SuccessfulDelete', `Deleted pod: ${v.metadata.name}`, 'replicaset-controller');
      }
    }
    const observed = activePods(rs.metadata.uid);
    const ready = observed.filter((p) => podReady(p as Obj)).length;
    store.mutate('ReplicaSet', ns, name, (o) => {
      const status: Record<string, unknown> = {
        replicas: observed.length,
        fullyLabeledReplicas: observed.length,
        observedGeneration: o.metadata.generation ?? 1,
      };
      if (ready > 0) {
        status.readyReplicas = ready;
        status.availableReplicas = ready;
      }
      o.status = status;
    });
  }

  function createPod(rs: Readonly<Obj>): void {
    const tmpl = specOf(rs).template ?? {};
    const spec = defaultPodSpec(JSON.parse(JSON.stringify(tmpl.spec ?? {})) as Record<string, unknown>);
    const created = store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec,
      status: { phase: 'Pending', qosClass: qosClass({ spec } as unknown as Obj) },
    });
    rt.events.record(rs as Obj, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'replicaset-controller');
  }

  function reconcileDeployment(key: string): void {
    const [ns, name] = splitKey(key);
    const dep = store.getRaw('Deployment', ns, name);
    if (!dep) return;
    const spec = specOf(dep);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const template = spec.template ?? {};
    const wanted = withoutHash(template);
    const owned: Readonly<Obj>[] = [];
    for (const k of rsByDeploy.get(dep.metadata.uid) ?? []) {
      const [rns, rname] = splitKey(k);
      const rs = store.getRaw('ReplicaSet', rns, rname);
      if (rs) owned.push(rs);
    }
    const revisionOf = (rs: Readonly<Obj>) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
    const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    let current = owned.find((rs) => withoutHash(specOf(rs).template) === wanted);
    if (!current) {
      current = createReplicaSet(dep, template, desired, maxRevision + 1);
      if (!current) return;
      owned.push(current);
    } else {
      const cur = current;
      const needsRevision = revisionOf(cur) < maxRevision;
      if ((specOf(cur).replicas ?? 1) !== desired || needsRevision) {
        const before = specOf(cur).replicas ?? 1;
        const next = store.mutate('ReplicaSet', cur.metadata.namespace ?? ns, cur.metadata.name, (o) => {
          (o.spec as Spec).replicas = desired;
          if (needsRevision) o.metadata.annotations = { ...o.metadata.annotations, [REVISION]: String(maxRevision + 1) };
        });
        if (next) current = next;
        if (before !== desired) {
          rt.events.record(dep as Obj, 'Normal', 'ScalingReplicaSet', `Scaled ${desired > before ? 'up' : 'down'} replica set ${cur.metadata.name} to ${desired}`, 'deployment-controller');
        }
      }
    }
    const currentPods = activePods(current.metadata.uid);
    const currentReady = currentPods.filter((p) => podReady(p as Obj)).length;
    // Old ReplicaSets give way as the new pods become Ready (a rolling update with 100% surge).
    const oldTarget = Math.max(0, desired - currentReady);
    let oldBudget = oldTarget;
    for (const rs of owned) {
      if (rs.metadata.uid === current.metadata.uid) continue;
      const have = specOf(rs).replicas ?? 1;
      const keep = Math.min(have, oldBudget);
      oldBudget -= keep;
      if (keep !== have) {
        store.mutate('ReplicaSet', rs.metadata.namespace ?? ns, rs.metadata.name, (o) => {
          (o.spec as Spec).replicas = keep;
        });
        rt.events.record(dep as Obj, 'Normal', 'ScalingReplicaSet', `Scaled down replica set ${rs.metadata.name} to ${keep}`, 'deployment-controller');
      }
    }
    // Old, empty ReplicaSets beyond revisionHistoryLimit are deleted, oldest first.
    const limit = typeof spec.revisionHistoryLimit === 'number' ? spec.revisionHistoryLimit : 10;
    const empties = owned
      .filter((rs) => rs.metadata.uid !== current!.metadata.uid && (specOf(store.getRaw('ReplicaSet', ns, rs.metadata.name) ?? rs).replicas ?? 1) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of empties.slice(0, Math.max(0, empties.length - limit))) {
      if (activePods(rs.metadata.uid).length === 0) store.delete('ReplicaSet', ns, rs.metadata.name);
    }

    let total = 0;
    let ready = 0;
    for (const rs of owned) {
      const pods = activePods(rs.metadata.uid);
      total += pods.length;
      ready += pods.filter((p) => podReady(p as Obj)).length;
    }
    const updated = currentPods.length;
    const currentName = current.metadata.name;
    const revision = current.metadata.annotations?.[REVISION];
    store.mutate('Deployment', ns, name, (o) => {
      if (revision && o.metadata.annotations?.[REVISION] !== revision) {
        o.metadata.annotations = { ...o.metadata.annotations, [REVISION]: revision };
      }
      const old = (o.status ?? {}) as { conditions?: Condition[] };
      const at = k8sTime(rt.ctx.now());
      const maxUnavailable = Math.floor(desired * 0.25);
      const available = ready >= desired - maxUnavailable;
      const complete = updated === desired && total === desired && ready === desired;
      const conditions = [
        condition(old.conditions, 'Available', available ? 'True' : 'False', available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', available ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.', at),
        condition(old.conditions, 'Progressing', 'True', complete ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated', complete ? `ReplicaSet "${currentName}" has successfully progressed.` : `ReplicaSet "${currentName}" is progressing.`, at),
      ];
      const status: Record<string, unknown> = { observedGeneration: o.metadata.generation ?? 1 };
      if (total > 0) status.replicas = total;
      if (updated > 0) status.updatedReplicas = updated;
      if (ready > 0) {
        status.readyReplicas = ready;
        status.availableReplicas = ready;
      }
      if (desired - ready > 0) status.unavailableReplicas = desired - ready;
      status.conditions = conditions;
      o.status = status;
    });
  }

  function createReplicaSet(dep: Readonly<Obj>, template: NonNullable<Spec['template']>, desired: number, revision: number): Readonly<Obj> | undefined {
    const ns = dep.metadata.namespace ?? 'default';
    for (let collision = 0; collision < 10; collision++) {
      const hash = podTemplateHash(template, collision);
      const name = `${dep.metadata.name}-${hash}`;
      if (store.getRaw('ReplicaSet', ns, name)) continue;
      const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
      const selector = specOf(dep).selector ?? { matchLabels: template.metadata?.labels ?? {} };
      const created = store.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: ns,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired * 0.25)),
            [REVISION]: String(revision),
          },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name, uid: dep.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          replicas: desired,
          selector: { ...selector, matchLabels: { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
        },
        status: { replicas: 0 },
      });
      rt.events.record(dep as Obj, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${desired}`, 'deployment-controller');
      return store.getRaw('ReplicaSet', ns, created.metadata.name);
    }
    return undefined;
  }

  return {
    onStore,
    start() {
      for (const kind of ['ReplicaSet', 'Pod', 'Deployment'] as const) {
        for (const { obj } of store.listRaw(kind)) onStore({ type: 'ADDED', object: obj as Obj, rv: 0 });
      }
    },
  };
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

/** A condition that keeps its timestamps while nothing about it changes (so steady state writes nothing). */
function condition(old: Condition[] | undefined, type: string, status: string, reason: string, message: string, at: string): Condition {
  const prev = old?.find((c) => c.type === type);
  if (prev && prev.status === status && prev.reason === reason && prev.message === message) return prev;
  return {
    type,
    status,
    lastUpdateTime: at,
    lastTransitionTime: prev && prev.status === status ? (prev.lastTransitionTime ?? at) : at,
    reason,
    message,
  };
}
