/**
 * Plain-JSON shapes of the Kubernetes objects the view reads, exactly as the API server sends them
 * (timestamps are ISO strings, quantities are strings). lib/server converts SDK objects to these at its
 * boundary; fixtures and tests write them by hand. Only the fields the view uses are typed; the rest is
 * allowed through so that YAML output shows the whole object.
 */
import type { ContainerLike, PodSpecLike } from '../fargate/types';
import type { PlainObjects } from './kinds';
import type { KubeKarpenterNodePool } from './kinds/karpenter-nodepools';

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface KubeContainer extends ContainerLike {
  env?: EnvVar[];
  envFrom?: unknown[];
  securityContext?: { privileged?: boolean; [k: string]: unknown };
  [field: string]: unknown;
}

export interface PodSpec extends PodSpecLike {
  containers: KubeContainer[];
  initContainers?: KubeContainer[];
  nodeName?: string;
  priorityClassName?: string;
  [field: string]: unknown;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
}

export interface KubePod extends KubeObject {
  spec: PodSpec;
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string;
    podIP?: string;
    hostIP?: string;
    qosClass?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface KubeNode extends KubeObject {
  spec?: { providerID?: string; unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: Condition[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; [k: string]: unknown };
  };
}

export interface KubeServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export interface KubeService extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: KubeServicePort[];
    loadBalancerClass?: string;
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

export interface KubeNamespace extends KubeObject {
  status?: { phase?: string };
}

export interface KubeEvent extends KubeObject {
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

export interface KubeTargetGroupBinding extends KubeObject {
  spec?: {
    targetGroupARN?: string;
    targetType?: string;
    serviceRef?: { name: string; port?: number | string };
  };
}

export interface KubeReplicaSet extends KubeObject {
  spec?: unknown;
}

/** The Kubernetes resources the view is built from, as informer caches hold them. */
export type KubeResource = 'pods' | 'nodes' | 'services' | 'namespaces' | 'events' | 'targetgroupbindings' | 'replicasets' | 'karpenternodepools' | keyof PlainObjects;

/** Plain kinds (lib/view/kinds) bring their own object types. */
export interface KubeByResource extends PlainObjects {
  pods: KubePod;
  nodes: KubeNode;
  services: KubeService;
  namespaces: KubeNamespace;
  events: KubeEvent;
  targetgroupbindings: KubeTargetGroupBinding;
  replicasets: KubeReplicaSet;
  karpenternodepools: KubeKarpenterNodePool;
}

/** "namespace/name" for namespaced objects, "name" for cluster-scoped ones: the informer cache key. */
export function objectKey(meta: { name: string; namespace?: string }): string {
  return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}
