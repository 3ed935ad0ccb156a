/**
 * Node pool rows, kept incrementally: which nodes belong to each pool (by row id, "karpenter/spot-arm"), how many
 * NodeClaims each Karpenter or Auto Mode NodePool holds, and the row itself, rebuilt from its nodes and its
 * definition (EKS's node group, or the NodePool object) when anything of it changed.
 */
import type { EksNodegroup } from '../aws';
import type { KubeKarpenterNodePool } from '../kinds/karpenter-nodepools';
import type { KubeObject } from '../kube';
import type { NodePoolView, Resources } from '../model';
import { poolId, type NodeInfo, type PoolKind } from '../node-info';
import { nodePoolView, type PoolNodePart } from '../rows';
import type { NodeContribution } from './totals';
import { addTo, removeFrom } from './util';

/** An EKS Auto Mode NodePool names EKS's NodeClass (group eks.amazonaws.com); a Karpenter one its EC2NodeClass. */
export function karpenterPoolKind(np: KubeKarpenterNodePool): PoolKind {
  return np.spec?.template?.spec?.nodeClassRef?.group === 'eks.amazonaws.com' ? 'auto' : 'karpenter';
}

/** What a pool row is built from, as the builder holds it. */
export interface PoolSources {
  nodeInfo(name: string): NodeInfo | undefined;
  requested(name: string): Resources;
  hourlyNano(name: string): number;
  nodegroup(name: string): EksNodegroup | undefined;
  nodePool(name: string): KubeKarpenterNodePool | undefined;
}

export class NodePools {
  /** Per pool row id: the names of its nodes. */
  private readonly members = new Map<string, Set<string>>();
  /** Per NodePool name: the keys of its NodeClaims. */
  private readonly claims = new Map<string, Set<string>>();

  constructor(private readonly src: PoolSources) {}

  /** A node joined (sign 1) or left (-1) the pool its contribution names. */
  nodeChanged(nodeName: string, c: NodeContribution, sign: 1 | -1, dirty: Set<string>): void {
    if (!c.poolId) return;
    if (sign > 0) addTo(this.members, c.poolId, nodeName);
    else removeFrom(this.members, c.poolId, nodeName);
    dirty.add(c.poolId);
  }

  /** A NodeClaim came, went or moved: it counts for the NodePool its `karpenter.sh/nodepool` label names. */
  claimChanged(key: string, old: KubeObject | undefined, obj: KubeObject | undefined, dirty: Set<string>): void {
    const before = old?.metadata.labels?.['karpenter.sh/nodepool'];
    const after = obj?.metadata.labels?.['karpenter.sh/nodepool'];
    if (before) removeFrom(this.claims, before, key);
    if (after && obj) addTo(this.claims, after, key);
    for (const name of [before, after]) {
      if (!name) continue;
      dirty.add(poolId('karpenter', name));
      dirty.add(poolId('auto', name));
    }
  }

  /** A pool's row from its nodes and its definition; null when neither exists. */
  row(id: string): NodePoolView | null {
    const slash = id.indexOf('/');
    const kind = id.slice(0, slash) as PoolKind;
    const name = id.slice(slash + 1);
    const parts: PoolNodePart[] = [];
    for (const nodeName of this.members.get(id) ?? []) {
      const info = this.src.nodeInfo(nodeName);
      if (!info) continue;
      parts.push({
        instanceType: info.instanceType,
        capacityType: info.capacityType,
        arch: info.arch,
        zone: info.zone,
        ready: info.ready,
        allocatable: info.allocatable,
        requested: this.src.requested(nodeName),
        hourlyNano: this.src.hourlyNano(nodeName),
      });
    }
    const karpenterLike = kind === 'karpenter' || kind === 'auto';
    const nodegroup = kind === 'nodegroup' ? this.src.nodegroup(name) : undefined;
    const np = karpenterLike ? this.src.nodePool(name) : undefined;
    // A NodePool object belongs to the kind its node class says; nodes say it too when they exist.
    const nodePool = np && (parts.length > 0 || karpenterPoolKind(np) === kind) ? np : undefined;
    if (parts.length === 0 && !nodegroup && !nodePool) return null;
    const nodeClaims = karpenterLike ? (this.claims.get(name)?.size ?? 0) : undefined;
    return nodePoolView(kind, name, parts, { nodegroup, nodePool, nodeClaims });
  }
}
