/**
 * Karpenter NodeClaims (karpenter.sh/v1): one per machine Karpenter or EKS Auto Mode launched or is launching. A
 * plain listed kind with the columns `kubectl get nodeclaims` prints (TYPE, CAPACITY, ZONE, NODE, READY, AGE, and
 * with -o wide the NodePool and NodeClass), discovered where the API is served.
 */
import { age, dash } from '../../ui/column-kit';
import { formatAge, shortNodeName } from '../../ui/format';
import type { KubeObject } from '../kube';
import type { PlainKind } from './types';

export interface KubeNodeClaim extends KubeObject {
  spec?: { nodeClassRef?: { group?: string; kind?: string; name?: string }; expireAfter?: string };
  status?: {
    nodeName?: string;
    providerID?: string;
    imageID?: string;
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface NodeClaimView {
  id: string;
  name: string;
  nodePool: string | null;
  nodeClass: string | null;
  instanceType: string | null;
  capacityType: string | null;
  zone: string | null;
  node: string | null;
  /** The Ready condition: True, False or Unknown. */
  ready: string;
  /** Why it is not ready, from the first failing condition. */
  reason: string | null;
  providerID: string | null;
  imageID: string | null;
  labels: Record<string, string>;
  createdAt: string;
}

export function nodeClaimView(o: KubeNodeClaim): NodeClaimView {
  const labels = o.metadata.labels ?? {};
  const conditions = o.status?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const failing = conditions.find((c) => c.status === 'False' && c.type !== 'Ready') ?? (ready?.status === 'False' ? ready : undefined);
  return {
    id: o.metadata.uid,
    name: o.metadata.name,
    nodePool: labels['karpenter.sh/nodepool'] ?? null,
    nodeClass: o.spec?.nodeClassRef?.name ?? null,
    instanceType: labels['node.kubernetes.io/instance-type'] ?? null,
    capacityType: labels['karpenter.sh/capacity-type'] ?? null,
    zone: labels['topology.kubernetes.io/zone'] ?? null,
    node: o.status?.nodeName ?? null,
    ready: ready?.status ?? 'Unknown',
    reason: failing ? [failing.reason, failing.message].filter(Boolean).join(': ') || failing.type : null,
    providerID: o.status?.providerID ?? null,
    imageID: o.status?.imageID ?? null,
    labels,
    createdAt: o.metadata.creationTimestamp ?? '',
  };
}

export const nodeclaims: PlainKind<'nodeclaims', KubeNodeClaim, NodeClaimView> = {
  resource: 'nodeclaims',
  kind: 'NodeClaim',
  title: 'NodeClaims',
  api: { group: 'karpenter.sh', version: 'v1', plural: 'nodeclaims', namespaced: false },
  watch: 'discover',
  objectNames: ['nodeclaims', 'nodeclaim'],
  snapshotOrder: 1,
  absentReason: 'Karpenter and EKS Auto Mode not in use (no karpenter.sh API)',
  plain: {
    row: nodeClaimView,
    screen: {
      title: 'NodeClaims',
      noun: 'node claims',
      command: 'nodeclaims',
      aliases: ['nodeclaims', 'nodeclaim', 'nc'],
      defaultSort: { column: 'name', desc: false },
      columns: [
        { id: 'name', header: 'NAME', width: 22, grow: 1, sortLetter: 'N', kind: 'name', text: (c) => c.name },
        { id: 'type', header: 'TYPE', width: 11, sortLetter: 'T', text: (c) => dash(c.instanceType) },
        { id: 'capacity', header: 'CAPACITY', width: 9, sortLetter: 'Y', text: (c) => dash(c.capacityType) },
        { id: 'zone', header: 'ZONE', width: 15, sortLetter: 'Z', text: (c) => dash(c.zone) },
        { id: 'node', header: 'NODE', width: 30, grow: 1, sortLetter: 'O', kind: 'name', text: (c) => (c.node ? shortNodeName(c.node) : '—'), title: (c) => dash(c.node) },
        { id: 'ready', header: 'READY', width: 7, sortLetter: 'R', kind: 'status', text: (c) => c.ready },
        { id: 'age', header: 'AGE', width: 6, sortLetter: 'A', ...age<NodeClaimView>((c) => c.createdAt) },
        { id: 'nodepool', header: 'NODEPOOL', width: 16, wide: true, sortLetter: 'P', text: (c) => dash(c.nodePool) },
        { id: 'nodeclass', header: 'NODECLASS', width: 12, wide: true, sortLetter: 'C', text: (c) => dash(c.nodeClass) },
      ],
      facts: (c, now) => [
        ['node pool', dash(c.nodePool)],
        ['node class', dash(c.nodeClass)],
        ['instance type', dash(c.instanceType)],
        ['capacity type', dash(c.capacityType)],
        ['zone', dash(c.zone)],
        ['node', dash(c.node)],
        ['ready', c.reason ? `${c.ready} (${c.reason})` : c.ready],
        ['provider id', dash(c.providerID)],
        ['image', dash(c.imageID)],
        ['age', formatAge(c.createdAt, now)],
      ],
      copy: (c) => c.node ?? c.name,
    },
  },
};
