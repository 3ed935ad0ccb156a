import 'server-only';
/**
 * Regenerates the bundled price table (lib/fargate/prices.json) from the AWS Price List Query API, the same API
 * the server reads live: per region the x86 Fargate rates (AmazonECS offer) and the On-Demand Linux price of each
 * instance type the table lists plus `extraTypes`. A region or type the API does not answer keeps its old figures
 * and its old source, so a partial answer never erases what the table knew. Run by a maintainer with AWS
 * credentials (scripts/refresh-prices.ts); the tests run it against the simulator.
 */
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { RegionPrices } from '../../fargate/types';
import { fetchFargateRates, fetchOnDemand } from '../aws/pricing';

/** One region of prices.json: the engine's RegionPrices as stored, without the region key and the live parts. */
export type TableRegion = Omit<RegionPrices, 'region' | 'spot' | 'origin' | 'unverified' | 'notes'> & { unverified: string[]; notes: string };

export interface PriceTable {
  version: number;
  currency: string;
  scope: string;
  regions: Record<string, TableRegion>;
}

export interface RefreshResult {
  table: PriceTable;
  /** What changed or could not be read, one line each, for the maintainer. */
  log: string[];
}

/**
 * The table with every region in `regions` read again. `today` is the date written on what the API answered.
 * @param client a Price List client (any of its three endpoints)
 */
export async function refreshTable(client: PricingClient, old: PriceTable, regions: string[], opts: { today: string; extraTypes?: string[] }): Promise<RefreshResult> {
  const log: string[] = [];
  const out: PriceTable = { ...old, version: old.version + 1, regions: { ...old.regions } };
  for (const region of [...new Set(regions)].sort()) {
    const before = old.regions[region];
    const types = [...new Set([...Object.keys(before?.ec2 ?? {}), ...(opts.extraTypes ?? [])])].sort();
    const [fargate, onDemand] = await Promise.all([fetchFargateRates(client, region), fetchOnDemand(client, region, types)]);
    if (!fargate && Object.keys(onDemand).length === 0) {
      log.push(`${region}: the Price List has nothing for this region; ${before ? 'kept as it was' : 'left out'}`);
      continue;
    }
    const missing = types.filter((t) => !(t in onDemand));
    const unverified: string[] = [];
    if (!fargate && before) unverified.push(...before.unverified.filter((u) => u.startsWith('fargate')));
    if (fargate && fargate.ephemeralGbHour === null) unverified.push('fargateEphemeralGbHour');
    const keptEc2 = Object.fromEntries(missing.filter((t) => before?.ec2[t] !== undefined).map((t) => [t, before!.ec2[t]]));
    if (Object.keys(keptEc2).length && before?.unverified.includes('ec2')) unverified.push('ec2');
    out.regions[region] = {
      source: `AWS Price List Query API (GetProducts: AmazonECS x86 Fargate rates, AmazonEC2 On-Demand Linux shared tenancy), read ${opts.today}`,
      date: opts.today,
      fargateVcpuHour: fargate?.vcpuHour ?? before?.fargateVcpuHour ?? 0,
      fargateGbHour: fargate?.gbHour ?? before?.fargateGbHour ?? 0,
      fargateEphemeralGbHour: fargate ? fargate.ephemeralGbHour : (before?.fargateEphemeralGbHour ?? null),
      ec2: Object.fromEntries(Object.entries({ ...keptEc2, ...onDemand }).sort(([a], [b]) => (a < b ? -1 : 1))),
      unverified: [...new Set(unverified)].sort(),
      notes: missing.length ? `Not in the Price List for this region: ${missing.join(', ')}${Object.keys(keptEc2).length ? ' (earlier figures kept)' : ''}.` : '',
    };
    log.push(`${region}: Fargate ${fargate ? `${fargate.vcpuHour}/vCPU-h, ${fargate.gbHour}/GB-h` : 'not listed'}; ${Object.keys(onDemand).length} of ${types.length} instance types priced`);
  }
  return { table: out, log };
}
