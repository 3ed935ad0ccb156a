/**
 * The cost ledger's record: what each billed thing cost per hour, over which stretch of time. A pod, node or
 * control plane gets a new entry when it appears or when its price or labels change, and its entry is closed
 * when it goes; deleted pods and nodes keep theirs. Times are epoch milliseconds.
 */

/**
 * What an entry bills: a Fargate pod (its billed size), an EC2 pod (its share of its node, by requests), an EC2
 * node (its whole price; what its pods' shares leave is its idle capacity), the EKS control plane.
 */
export type EntryKind = 'fargate' | 'ec2-pod' | 'ec2-node' | 'cluster';

export interface LedgerEntry {
  /** Unique per entry ("<subject>@<start>"). */
  id: string;
  /** The thing billed: "pod:<namespace>/<name>", "node:<name>", "cluster". */
  subject: string;
  kind: EntryKind;
  /** Pod name, node name, or the control plane's description. */
  name: string;
  namespace: string | null;
  workload: string | null;
  profile: string | null;
  /** The EC2 node pool's row id; for pods, their node's. */
  pool: string | null;
  capacityType: string | null;
  node: string | null;
  instanceType: string | null;
  rateUSD: number;
  /** The part of rateUSD that is the EKS Auto Mode fee (no discount applies to it). */
  feeUSD: number;
  start: number;
  /** null while the entry is open (the thing still runs at this price). */
  end: number | null;
  /**
   * Seconds billed at least, counted from this entry's start: for the first entry of a Fargate pod the minimum
   * Fargate is said to bill (MINIMUM_BILLED_SECONDS, docs/fargate-facts.md §4), else 0.
   */
  minimumSeconds: number;
  /**
   * Up to when the entry was filled in from what the cluster still showed, for a time Farview was not recording
   * (from its start); null when it was recorded live throughout.
   */
  reconstructedUntil: number | null;
}

/** A time range [from, to), in epoch milliseconds. */
export interface Range {
  from: number;
  to: number;
}

/** GET /api/c/[context]/cost/range: the cost of a time range from the ledger. */
export interface CostRangeResponse {
  range: { spec: string; label: string; from: string; to: string; stepMs: number };
  /** The moment open entries are counted to. */
  asOf: string;
  groups: import('../cost/types').CostGroup[];
  total: import('../cost/types').CostGroup;
  series: { t: number[]; stepMs: number; groups: { key: string; label: string; usd: number[] }[] };
  coverage: {
    /** When this server began recording, and how far the ledger reaches; null when it has not recorded yet. */
    recordingSince: string | null;
    coveredUntil: string | null;
    /** Of the range's cost, the dollars filled in from what the cluster showed after a time Farview was down. */
    reconstructedUSD: number;
    problem: string | null;
  };
  month: { from: string; to: string; spentUSD: number; runRateUSD: number; forecastUSD: number; method: string };
  /** The same span just before the range, and the groups whose cost changed most against it. */
  previous: { from: string; to: string; totalUSD: number; movers: Mover[] };
}

export interface Mover {
  key: string;
  label: string;
  nowUSD: number;
  beforeUSD: number;
  changeUSD: number;
}
