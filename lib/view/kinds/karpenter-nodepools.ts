/**
 * Karpenter NodePools (karpenter.sh/v1), served where Karpenter or EKS Auto Mode runs: discovered, and their
 * absence is normal. They feed the node pool rows (limits, disruption, requirements, weight, node class); the
 * rows themselves come from the nodes that carry karpenter.sh/nodepool.
 */
import type { KubeObject } from '../kube';
import type { KindDescriptor } from './types';

export interface KarpenterRequirement {
  key: string;
  operator: string;
  values?: string[];
  minValues?: number;
}

export interface KubeKarpenterNodePool extends KubeObject {
  spec?: {
    template?: { spec?: { nodeClassRef?: { group?: string; kind?: string; name?: string }; requirements?: KarpenterRequirement[]; expireAfter?: string } };
    disruption?: { consolidationPolicy?: string; consolidateAfter?: string; budgets?: { nodes?: string; schedule?: string; duration?: string; reasons?: string[] }[] };
    limits?: Record<string, string | number>;
    weight?: number;
  };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[]; nodes?: number; resources?: Record<string, string> };
}

export const karpenternodepools: KindDescriptor<'karpenternodepools'> = {
  resource: 'karpenternodepools',
  kind: 'NodePool',
  title: 'Karpenter NodePools',
  api: { group: 'karpenter.sh', version: 'v1', plural: 'nodepools', namespaced: false },
  watch: 'discover',
  objectNames: ['karpenternodepools', 'nodepool', 'karpenternodepool'],
  snapshotOrder: 1,
  absentReason: 'Karpenter and EKS Auto Mode not in use (no karpenter.sh API)',
};
