import 'server-only';
/**
 * The Price List gateway: Fargate rates, On-Demand EC2 prices and the EKS Auto Mode management fee from the AWS
 * Price List Query API (GetProducts), and Spot prices from EC2 DescribeSpotPriceHistory, read into the plain
 * numbers of lib/view/aws.ts. The Price List is served from three regions only; the one nearest the cluster is used, as
 * Karpenter does (ap-* → ap-south-1, eu-, me-, af- → eu-central-1, else us-east-1).
 *
 * Which products: EC2 with regionCode, instanceType, operatingSystem Linux, tenancy Shared, preInstalledSw NA,
 * capacitystatus Used and marketoption OnDemand (the filters Karpenter's pricing provider uses); Fargate from the
 * AmazonECS offer, whose x86 usage types EKS bills (`<PREFIX>-Fargate-vCPU-Hours:perCPU`, `-GB-Hours`,
 * `-EphemeralStorage-GB-Hours`), matched by exact suffix so that the storage and Arm lines are never taken for
 * the memory line; the Auto Mode fee from AmazonEKS with operation EKSAutoUsage and the node's instancetype
 * (docs/fargate-facts.md §4).
 */
import { DescribeSpotPriceHistoryCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import { allPages, clientConfig, mapLimit, type AwsEnv } from './client';

/** The Price List endpoint region for a cluster's region. */
export function pricingRegion(region: string): string {
  if (region.startsWith('ap-')) return 'ap-south-1';
  if (region.startsWith('eu-') || region.startsWith('me-') || region.startsWith('af-')) return 'eu-central-1';
  return 'us-east-1';
}

export function pricingClient(region: string, env?: AwsEnv): PricingClient {
  return new PricingClient(clientConfig(pricingRegion(region), 'PRICING', env));
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

interface PriceDocument {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { pricePerUnit?: { USD?: string } }> }> };
}

/** The On-Demand USD rate of one price document; null when it has none or several different ones. */
export function onDemandUsd(doc: PriceDocument): number | null {
  const rates = new Set<number>();
  for (const t of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const d of Object.values(t.priceDimensions ?? {})) {
      const usd = Number(d.pricePerUnit?.USD);
      if (d.pricePerUnit?.USD !== undefined && Number.isFinite(usd)) rates.add(usd);
    }
  }
  return rates.size === 1 ? [...rates][0] : null;
}

async function products(client: PricingClient, ServiceCode: string, Filters: Filter[]): Promise<PriceDocument[]> {
  const items = await allPages(async (NextToken) => {
    const r = await client.send(new GetProductsCommand({ ServiceCode, Filters, FormatVersion: 'aws_v1', MaxResults: 100, NextToken }));
    return { items: r.PriceList, next: r.NextToken };
  }, 20);
  // Each PriceList element is a JSON document written as a string.
  return items.flatMap((s) => {
    try {
      return [JSON.parse(typeof s === 'string' ? s : String(s)) as PriceDocument];
    } catch {
      return [];
    }
  });
}

/** On-Demand Linux shared-tenancy $/h of each instance type AWS lists in the region. */
export async function fetchOnDemand(client: PricingClient, region: string, instanceTypes: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await mapLimit([...new Set(instanceTypes)].sort(), 4, async (type) => {
    const docs = await products(client, 'AmazonEC2', [
      term('regionCode', region),
      term('instanceType', type),
      term('operatingSystem', 'Linux'),
      term('tenancy', 'Shared'),
      term('preInstalledSw', 'NA'),
      term('capacitystatus', 'Used'),
      term('marketoption', 'OnDemand'),
    ]);
    const rates = docs.map(onDemandUsd).filter((r): r is number => r !== null && r > 0);
    if (rates.length) out[type] = Math.min(...rates);
  });
  return out;
}

/**
 * The EKS Auto Mode management fee ($/h) of each instance type asked for: AmazonEKS products with operation
 * EKSAutoUsage (eksproducttype AutoMode), one per instance type and region, charged on top of the instance.
 */
export async function fetchAutoModeFees(client: PricingClient, region: string, instanceTypes: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await mapLimit([...new Set(instanceTypes)].sort(), 4, async (type) => {
    const docs = await products(client, 'AmazonEKS', [term('regionCode', region), term('operation', 'EKSAutoUsage'), term('instancetype', type)]);
    const rates = docs.filter((d) => d.product?.attributes?.eksproducttype === 'AutoMode').map(onDemandUsd).filter((r): r is number => r !== null && r > 0);
    if (rates.length) out[type] = Math.min(...rates);
  });
  return out;
}

/** The x86 Fargate rates of the region; null when AWS lists no vCPU or memory rate for it. */
export async function fetchFargateRates(client: PricingClient, region: string): Promise<{ vcpuHour: number; gbHour: number; ephemeralGbHour: number | null } | null> {
  const docs = await products(client, 'AmazonECS', [term('regionCode', region)]);
  const bySuffix = (suffix: string): number | null => {
    for (const d of docs) {
      const usage = d.product?.attributes?.usagetype ?? '';
      // "APS1-Fargate-GB-Hours": the prefix, then exactly this suffix (not "-Fargate-ARM-GB-Hours" or "-EphemeralStorage-GB-Hours").
      if (/^[A-Z0-9]+-Fargate-/.test(usage) && usage.slice(usage.indexOf('-')) === suffix) {
        const usd = onDemandUsd(d);
        if (usd !== null) return usd;
      }
    }
    return null;
  };
  const vcpuHour = bySuffix('-Fargate-vCPU-Hours:perCPU');
  const gbHour = bySuffix('-Fargate-GB-Hours');
  if (vcpuHour === null || gbHour === null) return null;
  return { vcpuHour, gbHour, ephemeralGbHour: bySuffix('-Fargate-EphemeralStorage-GB-Hours') };
}

/**
 * The latest Spot price of each "zone/type" asked for: DescribeSpotPriceHistory from now (EC2 then answers with
 * the price in effect), Linux/UNIX only.
 */
export async function fetchSpotPrices(ec2: EC2Client, pairs: { zone: string; instanceType: string }[], now: Date): Promise<Record<string, number>> {
  const types = [...new Set(pairs.map((p) => p.instanceType))].sort();
  const wanted = new Set(pairs.map((p) => `${p.zone}/${p.instanceType}`));
  if (types.length === 0) return {};
  const history = await allPages(async (NextToken) => {
    const r = await ec2.send(new DescribeSpotPriceHistoryCommand({ InstanceTypes: types as never, ProductDescriptions: ['Linux/UNIX'], StartTime: now, MaxResults: 1000, NextToken }));
    return { items: r.SpotPriceHistory, next: r.NextToken };
  }, 20);
  const out: Record<string, number> = {};
  const at: Record<string, number> = {};
  for (const h of history) {
    const key = `${h.AvailabilityZone}/${h.InstanceType}`;
    const price = Number(h.SpotPrice);
    const t = h.Timestamp instanceof Date ? h.Timestamp.getTime() : 0;
    if (!wanted.has(key) || !Number.isFinite(price)) continue;
    if (at[key] === undefined || t > at[key]) {
      out[key] = price;
      at[key] = t;
    }
  }
  return out;
}
