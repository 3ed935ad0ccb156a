import 'server-only';
/**
 * The prices one context reads from AWS, and their story: two poll parts (`pricing`, the Price List's Fargate
 * rates, On-Demand prices and EKS Auto Mode fees; `spot`, EC2's Spot price history) for the instance types and
 * Spot pairs the cluster's nodes use; what failed, in words; and the store's copy of an earlier read, shown only
 * while the Price List does not answer. Every change goes out as one LivePrices record through `publish`.
 */
import type { LivePrices } from '../view/aws';
import type { KubeNode } from '../view/kube';
import { nodeInfo } from '../view/node-info';
import type { AwsClients } from './aws';
import type { PollPart } from './aws-poller';
import { setting } from './config';

export type PricePart = 'pricing' | 'spot';

/** Where prices read from AWS are kept across restarts (the store, in the app). */
export interface PriceCache {
  load(region: string): Promise<LivePrices | null>;
  save(live: LivePrices): Promise<unknown>;
}

export interface LivePriceOptions {
  context: string;
  region: string | null;
  cache?: PriceCache;
  env: Record<string, string | undefined>;
  /** Poll intervals (defaults FARVIEW_PRICES_REFRESH_MINUTES, FARVIEW_SPOT_REFRESH_MINUTES). */
  pricesPollMs?: number;
  spotPollMs?: number;
  /** The SDK clients and gateways, loaded on the first poll. */
  sdk(): Promise<{ clients: AwsClients; fetch: typeof import('./aws') }>;
  nodes(): Iterable<KubeNode>;
  publish(prices: LivePrices): void;
  /** Reads a part soon (a node of a type not priced yet came). */
  poke(part: PricePart, delayMs: number): void;
  /** Settles when the first Kubernetes lists are in. */
  ready(): Promise<void>;
  now(): Date;
}

/**
 * Prices read from AWS are written to the store this long after the lists are in (and then at most this often):
 * opening the store costs seconds of the one JavaScript thread, which the first lists and views need.
 */
const KEEP_DELAY_MS = 60_000;

/** The empty record: nothing read from AWS yet. */
export function noLivePrices(region: string): LivePrices {
  return { region, fargate: null, onDemand: {}, autoModeFee: {}, listAt: null, spot: {}, spotAt: null, problems: [] };
}

interface Needs {
  types: string[];
  /** Instance types of EKS Auto Mode nodes, whose management fee is read too. */
  autoTypes: string[];
  spot: { zone: string; instanceType: string }[];
}

/** The live prices of one context: see the file comment. */
export class LivePriceReader {
  private live: LivePrices | null = null;
  private pricedTypes = new Set<string>();
  private pricedAuto = new Set<string>();
  private spotPairs = new Set<string>();
  private readonly problems: Record<PricePart, string | null> = { pricing: null, spot: null };
  /** The parts AWS answered in this run; the Price List's answer ends the stand-in of kept prices. */
  private readonly fresh = new Set<PricePart>();
  private keptLoaded = false;
  private keptAsked = false;
  private toKeep: LivePrices | null = null;
  private keepTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: LivePriceOptions) {}

  /** The two poll parts, for the context's AwsPoller. */
  parts(blocked: () => string | null): PollPart<unknown>[] {
    const region = this.o.region as string;
    const pricing: PollPart<unknown> = {
      id: 'pricing',
      intervalMs: this.o.pricesPollMs ?? setting(this.o.env, 'FARVIEW_PRICES_REFRESH_MINUTES') * 60_000,
      blocked,
      run: async () => {
        const { clients, fetch } = await this.o.sdk();
        const needs = this.needs();
        const [fargate, onDemand, autoModeFee] = await Promise.all([
          fetch.fetchFargateRates(clients.pricing, region),
          fetch.fetchOnDemand(clients.pricing, region, needs.types),
          fetch.fetchAutoModeFees(clients.pricing, region, needs.autoTypes),
        ]);
        return { fargate, onDemand, autoModeFee, needs };
      },
      apply: (d) => {
        const r = d as { fargate: LivePrices['fargate']; onDemand: Record<string, number>; autoModeFee: Record<string, number>; needs: Needs };
        this.pricedTypes = new Set(r.needs.types);
        this.pricedAuto = new Set(r.needs.autoTypes);
        this.set({ fargate: r.fargate, onDemand: r.onDemand, autoModeFee: r.autoModeFee, listAt: this.o.now().toISOString() }, 'pricing');
      },
    };
    const spot: PollPart<unknown> = {
      id: 'spot',
      intervalMs: this.o.spotPollMs ?? setting(this.o.env, 'FARVIEW_SPOT_REFRESH_MINUTES') * 60_000,
      blocked,
      run: async () => {
        const { clients, fetch } = await this.o.sdk();
        const pairs = this.needs().spot;
        return { spot: await fetch.fetchSpotPrices(clients.ec2, pairs, this.o.now()), pairs: pairs.map((p) => `${p.zone}/${p.instanceType}`) };
      },
      apply: (d) => {
        const r = d as { spot: Record<string, number>; pairs: string[] };
        this.spotPairs = new Set(r.pairs);
        this.set({ spot: r.spot, spotAt: this.o.now().toISOString() }, 'spot');
      },
    };
    return [pricing, spot];
  }

  /** The instance types of the EC2 nodes, those of Auto Mode nodes, and the zone and type of each Spot node. */
  private needs(): Needs {
    const types = new Set<string>();
    const autoTypes = new Set<string>();
    const spot = new Map<string, { zone: string; instanceType: string }>();
    for (const n of this.o.nodes()) {
      const info = nodeInfo(n);
      if (info.computeType !== 'ec2' || !info.instanceType) continue;
      types.add(info.instanceType);
      if (info.poolKind === 'auto') autoTypes.add(info.instanceType);
      if (info.capacityType === 'SPOT' && info.zone) spot.set(`${info.zone}/${info.instanceType}`, { zone: info.zone, instanceType: info.instanceType });
    }
    return { types: [...types].sort(), autoTypes: [...autoTypes].sort(), spot: [...spot.values()] };
  }

  /**
   * Nodes came or changed: a type or Spot pair not priced yet is read soon instead of at the next refresh. One
   * node costs one look; a relist looks at all of them once.
   */
  checkNodes(nodes: readonly KubeNode[]): void {
    for (const n of nodes) {
      const info = nodeInfo(n);
      if (info.computeType !== 'ec2' || !info.instanceType) continue;
      if (!this.pricedTypes.has(info.instanceType) || (info.poolKind === 'auto' && !this.pricedAuto.has(info.instanceType))) this.o.poke('pricing', 2_000);
      if (info.capacityType === 'SPOT' && info.zone && !this.spotPairs.has(`${info.zone}/${info.instanceType}`)) this.o.poke('spot', 2_000);
    }
  }

  /** A part's poll failed (message) or works again (null): the bundled table stands in, and the provenance says why. */
  status(part: PricePart, message: string | null): void {
    // Kept prices matter only when the Price List does not answer: read them then, and not before (opening the store
    // at start would slow the first lists).
    if (part === 'pricing' && message && !this.fresh.has('pricing') && !this.keptAsked) {
      this.keptAsked = true;
      void this.loadKept();
    }
    if (this.problems[part] === message) return;
    this.problems[part] = message;
    this.live = { ...this.current(), problems: this.problemList() };
    this.o.publish(this.live);
  }

  stop(): void {
    this.stopped = true;
    if (this.keepTimer) clearTimeout(this.keepTimer);
  }

  private set(part: Partial<LivePrices>, from: PricePart): void {
    this.problems[from] = null;
    this.fresh.add(from);
    this.live = { ...this.current(), ...part, problems: this.problemList() };
    this.o.publish(this.live);
    this.keep(this.live);
  }

  private current(): LivePrices {
    return this.live ?? noLivePrices(this.o.region ?? '');
  }

  /** Writes the latest prices to the store, after the lists are in and at most every KEEP_DELAY_MS. */
  private keep(live: LivePrices): void {
    const cache = this.o.cache;
    if (!cache) return;
    this.toKeep = live;
    if (this.keepTimer) return;
    const later = () => {
      if (this.stopped || this.keepTimer) return;
      this.keepTimer = setTimeout(() => {
        this.keepTimer = null;
        const latest = this.toKeep;
        this.toKeep = null;
        if (!latest || this.stopped) return;
        cache.save({ ...latest, problems: [] }).catch((e: unknown) => console.error(`farview: context ${this.o.context}: cannot keep prices:`, (e as Error).message));
      }, KEEP_DELAY_MS);
      this.keepTimer.unref();
    };
    void this.o.ready().then(later, later);
  }

  /** Prices kept by an earlier run, shown (with their time) until AWS answers; they never replace fresher ones. */
  private async loadKept(): Promise<void> {
    const region = this.o.region;
    if (!region || !this.o.cache) return;
    try {
      const kept = await this.o.cache.load(region);
      if (!kept || this.fresh.has('pricing') || this.stopped) return;
      this.keptLoaded = true;
      // What this run already read (Spot, say) stays; the rest comes from the earlier read.
      const now = this.live;
      const merged = now && this.fresh.has('spot') ? { ...kept, spot: now.spot, spotAt: now.spotAt } : { ...kept };
      this.live = { ...merged, problems: this.problemList() };
      this.o.publish(this.live);
    } catch (e) {
      console.error(`farview: context ${this.o.context}: cannot read kept prices:`, (e as Error).message);
    }
  }

  private problemList(): string[] {
    const list = [this.problems.pricing, this.problems.spot].filter((m): m is string => m !== null).map((m) => m.replace(/; retrying in \d+ s$/, ''));
    return this.keptLoaded && !this.fresh.has('pricing') ? [...list, 'kept from an earlier read until AWS answers again'] : list;
  }
}
