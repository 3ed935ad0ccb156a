/** Plain-data shapes of the sizing and pricing engine. No SDK types: a pod spec read from YAML and one
 * received from the API server (already converted to plain JSON) look the same here. */

/** CPU in millicores and memory in bytes, both exact integers. */
export interface Resources {
  cpuMillis: number;
  memoryBytes: number;
}

/** One of the 74 vCPU/memory combinations EKS Fargate provisions ("GB" in AWS's table is GiB). */
export interface FargateSize {
  vcpu: number;
  memoryGiB: number;
}

/** The subset of a Kubernetes container the engine reads. */
export interface ContainerLike {
  name: string;
  image?: string;
  restartPolicy?: string;
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  securityContext?: { privileged?: boolean };
  ports?: { containerPort?: number; hostPort?: number; hostIP?: string }[];
}

/** One term of a required node affinity: its expressions must all hold (terms are ORed). */
export interface NodeSelectorTermLike {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The subset of a Kubernetes PodSpec the engine reads. */
export interface PodSpecLike {
  containers: ContainerLike[];
  initContainers?: ContainerLike[];
  overhead?: Record<string, string | number>;
  hostNetwork?: boolean;
  volumes?: { name: string; hostPath?: unknown; persistentVolumeClaim?: unknown; [k: string]: unknown }[];
  nodeSelector?: Record<string, string>;
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTermLike[] } } };
  schedulerName?: string;
  /** Pod-level resources (Kubernetes 1.32+): not documented for Fargate, so sizing ignores them and lint says so. */
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
}

export type ContainerRole = 'container' | 'init' | 'sidecar';

/** One container's contribution, as the sizing breakdown shows it. */
export interface ContainerSizing {
  name: string;
  role: ContainerRole;
  /** Requests after defaulting from limits. */
  request: Resources;
  /** Limits as written (null when unset). */
  limits: { cpuMillis: number | null; memoryBytes: number | null };
  /** True when the request was copied from the limit because no request was set. */
  defaultedFromLimits: boolean;
}

/** Everything the engine derives from a pod spec: the chain containers → effective request → +256 MiB → size. */
export interface PodSizing {
  containers: ContainerSizing[];
  /** Sum of regular containers and native sidecars. */
  longRunning: Resources;
  /** The largest init-container requirement (including sidecars started before it). */
  initMax: Resources;
  /** Pod overhead (spec.overhead), zero when absent. */
  overhead: Resources;
  /** What Kubernetes and Fargate consider the pod's request. */
  effective: Resources;
  /** effective.memoryBytes + 256 MiB: what Fargate must fit. */
  fargateMemoryBytes: number;
  /** Ephemeral storage requested by all containers, in bytes (0 when none). */
  ephemeralStorageBytes: number;
  /** The smallest size that fits, or null when the pod exceeds 16 vCPU / 120 GB. */
  size: FargateSize | null;
  /** `CapacityProvisioned` as AWS writes it, e.g. "0.5vCPU 1GB"; null when no size fits. */
  capacityProvisioned: string | null;
  /** AWS's reason when no size fits. */
  tooLargeReason: string | null;
  /** True when native sidecars are present: Fargate does not document how it counts them. */
  sidecarsUnverified: boolean;
}

/** Prices of one region, with where they came from. */
export interface RegionPrices {
  region: string;
  source: string;
  /** ISO date the prices were read. */
  date: string;
  fargateVcpuHour: number;
  fargateGbHour: number;
  /** Per GB-hour above the 20 GiB included; null where no verified figure exists. */
  fargateEphemeralGbHour: number | null;
  /** On-demand Linux $/hour by instance type. */
  ec2: Record<string, number>;
  /** Notes on confidence, e.g. "EC2 prices unverified". */
  notes?: string;
  /** Which figures are unverified: field names ("fargateEphemeralGbHour") or "ec2" for the whole EC2 table. */
  unverified?: string[];
  /** The EKS Auto Mode management fee, $/hour by instance type, read from the Price List (absent from the bundled table). */
  autoModeFee?: Record<string, number>;
  /** Spot $/hour by "zone/instance type", read from EC2 (absent from the bundled table). */
  spot?: Record<string, number>;
  /** Where each part came from, when any part was read from AWS or AWS was asked and could not answer. */
  origin?: PriceOrigin;
}

/** Where the prices in use came from: AWS's APIs at a time, or the bundled table, and why. */
export interface PriceOrigin {
  /** Fargate rates and On-Demand EC2: the Price List Query API, or the bundled table. */
  list: 'api' | 'table';
  /** When the Price List API answered (ISO), if it did. */
  listAt: string | null;
  /** The bundled table's date, for the figures that came from it. */
  tableDate: string | null;
  /** The instance types whose On-Demand price the API gave (the others are the table's). */
  apiInstanceTypes: string[];
  /** Spot prices from EC2 DescribeSpotPriceHistory, or none known. */
  spot: 'api' | 'none';
  spotAt: string | null;
  /** Why AWS was not used, in words: "Price List API: AccessDeniedException: …". */
  problems: string[];
}
