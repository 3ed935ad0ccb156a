/** The node group row: EKS's description and the nodes that carry its label. */
import type { EksNodegroup } from '../aws';
import { fromNano } from '../cost';
import type { NodegroupView } from '../model';

/** Per node group: its nodes (by the eks.amazonaws.com/nodegroup label) and their summed price. */
export interface NodegroupAgg {
  nodes: number;
  hourlyNano: number;
  instanceTypes: Map<string, number>;
}

/** An aggregate with nothing in it. */
export function emptyNodegroupAgg(): NodegroupAgg {
  return { nodes: 0, hourlyNano: 0, instanceTypes: new Map() };
}

/** A node group's row: EKS's description (when known) and the nodes that carry its label. */
export function nodegroupView(name: string, ng: EksNodegroup | undefined, agg: NodegroupAgg): NodegroupView {
  const seenTypes = [...agg.instanceTypes.entries()].filter(([, n]) => n > 0).map(([t]) => t).sort();
  return {
    id: name,
    name,
    status: ng?.status ?? 'UNKNOWN',
    instanceTypes: ng?.instanceTypes.length ? ng.instanceTypes : seenTypes,
    capacityType: ng?.capacityType ?? null,
    desired: ng?.desired ?? null,
    min: ng?.min ?? null,
    max: ng?.max ?? null,
    subnets: ng?.subnets ?? [],
    nodeCount: agg.nodes,
    hourlyUSD: fromNano(agg.hourlyNano),
  };
}
