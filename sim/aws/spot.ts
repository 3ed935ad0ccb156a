/**
 * EC2 DescribeSpotPriceHistory over the simulator's price book: one record per zone, type and product
 * description each time the price changes (hourly here), newest first, with the price in effect at StartTime
 * included, as EC2 answers. Without StartTime the window is the last day (EC2 keeps 90 days; a day is enough to
 * show prices moving). Filters: InstanceType.N, ProductDescription.N, AvailabilityZone and Filter.N
 * (availability-zone, instance-type, product-description, spot-price, timestamp). MaxResults 5 to 1000.
 */
import { queryError } from './errors';
import { decodeMarker, ec2FilterMatch, encodeMarker, type QueryParams } from './query';
import { INSTANCE_TYPES, simRegion, SPOT_STEP_MS, spotPrice } from './price-catalog';
import type { SimAwsState } from './state';
import { list, type XmlObject } from './xml';

const PRODUCTS = ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'];
const FILTERS = ['availability-zone', 'instance-type', 'product-description', 'spot-price', 'timestamp'];

type SpotRecord = {
  availabilityZone: string;
  instanceType: string;
  productDescription: string;
  spotPrice: string;
  timestamp: string;
};

function time(q: QueryParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === undefined || v === '') return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw queryError('InvalidParameterValue', `Invalid value '${v}' for ${key}: expected an ISO 8601 time.`);
  return t;
}

/** The zones the account's VPC spans, in order. */
function zonesOf(aws: SimAwsState): string[] {
  return [...new Set(aws.network.subnets.map((s) => s.az))].sort();
}

export function describeSpotPriceHistory(aws: SimAwsState, q: QueryParams, inRegion: boolean): XmlObject {
  const region = simRegion(aws.region);
  const nowMs = aws.now().getTime();
  const end = Math.min(time(q, 'EndTime') ?? nowMs, nowMs);
  const start = time(q, 'StartTime') ?? end - 24 * 3600_000;
  if (start > end) throw queryError('InvalidParameterValue', 'StartTime must be before EndTime.');
  const types = q.list('InstanceType', false);
  const products = q.list('ProductDescription', false);
  const zone = q.get('AvailabilityZone');
  const filters = q.structs('Filter', false).map((f, i) => {
    if (!f.Name) throw queryError('InvalidParameterValue', `Filter.${i + 1}.Name is missing`);
    if (!FILTERS.includes(f.Name)) throw queryError('InvalidParameterValue', `The filter '${f.Name}' is invalid`);
    return { name: f.Name, values: Object.entries(f).filter(([k]) => /^Value\.\d+$/.test(k)).map(([, v]) => v) };
  });
  const size = q.int('MaxResults', 5, 1000, 'InvalidParameterValue') ?? 1000;

  const records: SpotRecord[] = [];
  if (region && inRegion) {
    // Change points inside the window, newest first, plus the price in effect at its start.
    const steps: number[] = [];
    for (let t = Math.floor(end / SPOT_STEP_MS) * SPOT_STEP_MS; t > start && steps.length < 24 * 90; t -= SPOT_STEP_MS) steps.push(t);
    steps.push(Math.floor(start / SPOT_STEP_MS) * SPOT_STEP_MS);
    for (const t of steps) {
      for (const az of zonesOf(aws)) {
        if (zone && zone !== az) continue;
        for (const type of Object.keys(INSTANCE_TYPES).sort()) {
          if (types.length && !types.includes(type)) continue;
          const price = spotPrice(region, az, type, t);
          if (price === null) continue;
          for (const product of PRODUCTS) {
            if (products.length && !products.includes(product)) continue;
            const r: SpotRecord = { availabilityZone: az, instanceType: type, productDescription: product, spotPrice: price.toFixed(6), timestamp: new Date(t).toISOString() };
            const value = (name: string): string => (name === 'availability-zone' ? r.availabilityZone : name === 'instance-type' ? r.instanceType : name === 'product-description' ? r.productDescription : name === 'spot-price' ? r.spotPrice : r.timestamp);
            if (filters.every((f) => f.values.some((p) => ec2FilterMatch(p, value(f.name))))) records.push(r);
          }
        }
      }
    }
  }
  const token = q.get('NextToken');
  let from = 0;
  if (token !== undefined && token !== '') {
    const o = decodeMarker(token);
    if (o === null) throw queryError('InvalidParameterValue', `Invalid value '${token}' for NextToken: pass the nextToken of the previous response unchanged.`);
    from = o;
  }
  const pageItems = records.slice(from, from + size);
  // EC2 writes an empty <nextToken/> on the last page.
  return { spotPriceHistorySet: list(pageItems, 'item'), nextToken: from + size < records.length ? encodeMarker(from + size) : '' };
}
