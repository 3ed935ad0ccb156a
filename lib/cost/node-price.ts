/**
 * What an EC2 node costs per hour and why: a Spot node at its zone's Spot price, any other at the On-Demand list
 * price, each from AWS when Farview could read it and from the bundled table otherwise; an EKS Auto Mode node
 * also pays the management fee of its instance type. And the prices in use as one set: the bundled table with
 * whatever AWS answered laid over it. Pure.
 */
import type { RegionPrices } from '../fargate/types';
import type { LivePrices } from '../view/aws';

export interface NodePrice {
  /** Everything the node costs per hour, the Auto Mode fee included. */
  hourlyUSD: number | null;
  /** The EKS Auto Mode management fee within hourlyUSD (0 for other nodes, or when it is not known). */
  feeUSD: number;
  /** How it is bought as priced: Spot, or On-Demand (also for a Spot node whose Spot price is unknown). */
  basis: 'spot' | 'on-demand';
  /** Where the figure came from. */
  from: 'api' | 'table' | null;
  /** The provenance in words, for the node's detail. */
  text: string;
}

/** "10:40 UTC" of an ISO time. */
function clock(iso: string | null): string {
  return iso ? `${iso.slice(11, 16)} UTC` : 'unknown time';
}

/**
 * The bundled table with the AWS answers laid over it: Fargate rates and On-Demand prices from the Price List API
 * replace the table's, Spot prices are added. `origin` says which part came from where.
 */
export function effectivePrices(table: RegionPrices | null, live: LivePrices | null): RegionPrices | null {
  if (!live) return table;
  const fromApi = live.fargate !== null || Object.keys(live.onDemand).length > 0;
  const base: RegionPrices = table ?? { region: live.region, source: 'AWS Price List API', date: (live.listAt ?? '').slice(0, 10), fargateVcpuHour: 0, fargateGbHour: 0, fargateEphemeralGbHour: null, ec2: {} };
  const fargate = live.fargate;
  const unverified = (base.unverified ?? []).filter((u) => !(fargate && u.startsWith('fargate')) && !(u === 'ec2' && Object.keys(live.onDemand).length > 0));
  return {
    ...base,
    source: fromApi ? `AWS Price List API${table ? `, bundled table of ${table.date} for what it did not list` : ''}` : base.source,
    date: fromApi && live.listAt ? live.listAt.slice(0, 10) : base.date,
    fargateVcpuHour: fargate?.vcpuHour ?? base.fargateVcpuHour,
    fargateGbHour: fargate?.gbHour ?? base.fargateGbHour,
    fargateEphemeralGbHour: fargate?.ephemeralGbHour ?? base.fargateEphemeralGbHour,
    ec2: { ...base.ec2, ...live.onDemand },
    unverified,
    autoModeFee: { ...live.autoModeFee },
    spot: { ...live.spot },
    origin: { list: fromApi ? 'api' : 'table', listAt: live.listAt, tableDate: table?.date ?? null, apiInstanceTypes: Object.keys(live.onDemand).sort(), spot: Object.keys(live.spot).length ? 'api' : 'none', spotAt: live.spotAt, problems: [...live.problems] },
  };
}

/** Whether an On-Demand figure of `type` came from the API (the table's figure is kept only where AWS listed none). */
function onDemandFrom(prices: RegionPrices, type: string): 'api' | 'table' {
  return prices.origin?.apiInstanceTypes.includes(type) ? 'api' : 'table';
}

/**
 * The instance's price. Spot nodes take the Spot price of their zone and type; when it is unknown they are priced
 * On-Demand, an upper bound, and the text says so. Capacity Blocks and reserved capacity are shown at the
 * On-Demand list price: what the reservation costs is on the bill, not in any price list.
 */
function instancePrice(
  node: { instanceType: string | null; zone: string | null; capacityType: string | null },
  prices: RegionPrices | null,
): Omit<NodePrice, 'feeUSD'> {
  const type = node.instanceType;
  if (!prices || !type) return { hourlyUSD: null, basis: 'on-demand', from: null, text: type ? 'no prices for this region' : 'no instance type label' };
  if (node.capacityType === 'SPOT') {
    const spot = node.zone ? prices.spot?.[`${node.zone}/${type}`] : undefined;
    if (spot !== undefined) return { hourlyUSD: spot, basis: 'spot', from: 'api', text: `Spot price in ${node.zone}, EC2 spot price history at ${clock(prices.origin?.spotAt ?? null)}` };
  }
  const od = Object.prototype.hasOwnProperty.call(prices.ec2, type) ? prices.ec2[type] : null;
  if (od === null) return { hourlyUSD: null, basis: 'on-demand', from: null, text: `no On-Demand price for ${type} in ${prices.region}` };
  const from = onDemandFrom(prices, type);
  const where = from === 'api' ? `AWS Price List API at ${clock(prices.origin?.listAt ?? null)}` : `bundled table of ${(prices.origin?.tableDate ?? prices.date).slice(0, 10)}${prices.origin?.problems.length ? ` (${prices.origin.problems[0]})` : ''}`;
  if (node.capacityType === 'SPOT') return { hourlyUSD: od, basis: 'on-demand', from, text: `Spot price unknown for ${node.zone ?? 'its zone'}: On-Demand shown, an upper bound; ${where}` };
  if (node.capacityType === 'CAPACITY_BLOCK' || node.capacityType === 'RESERVED') {
    return { hourlyUSD: od, basis: 'on-demand', from, text: `reserved capacity shown at the On-Demand list price (the reservation's own price is on the bill); ${where}` };
  }
  return { hourlyUSD: od, basis: 'on-demand', from, text: `On-Demand, ${where}` };
}

/**
 * A node's price: its instance's, plus on an EKS Auto Mode node the management fee AWS lists for its instance type,
 * charged on top of the instance however it is bought (AWS's EKS pricing page). A fee not listed is left out, and
 * the text says so.
 */
export function nodePrice(
  node: { instanceType: string | null; zone: string | null; capacityType: string | null; poolKind?: string | null },
  prices: RegionPrices | null,
): NodePrice {
  const p = instancePrice(node, prices);
  if (node.poolKind !== 'auto' || p.hourlyUSD === null || !prices || !node.instanceType) return { ...p, feeUSD: 0 };
  const fee = prices.autoModeFee?.[node.instanceType];
  if (fee === undefined) {
    const origin = prices.origin;
    const why = !origin ? 'not read from the Price List yet' : origin.list === 'api' ? `the Price List lists none for ${node.instanceType}` : 'the Price List did not answer';
    return { ...p, feeUSD: 0, text: `${p.text}; EKS Auto Mode management fee not included: ${why}` };
  }
  const total = Math.round((p.hourlyUSD + fee) * 1e10) / 1e10;
  return { ...p, hourlyUSD: total, feeUSD: fee, text: `${p.text}; plus the EKS Auto Mode management fee $${fee}/h, AWS Price List API at ${clock(prices.origin?.listAt ?? null)}` };
}
