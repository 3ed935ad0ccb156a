/**
 * The right-sizing list: for the Fargate pods of each workload, the cheaper size they could run on and the
 * monthly saving. Two cases: pods billed above what their requests need (recreate them, nothing to change),
 * and pods whose request sits just above a cheaper size (the engine's rightSize: the trim that costs least).
 */
import { singleContainerSpec } from '../fargate/estimate';
import { HOURS_PER_MONTH } from '../fargate/prices';
import { rightSize } from '../fargate/rightsize';
import { sizePod } from '../fargate/sizing';
import type { FargateSize, RegionPrices } from '../fargate/types';
import { fargateSizeFor } from './lines';
import { fargateComputeHourly } from './prices';
import { fromNano, toNano } from './money';
import type { CostLine, PriceInfo, RightSizeItem } from './types';

/** The engine's price shape from frozen price info (EC2 and storage rates are not needed here). */
export function asRegionPrices(p: PriceInfo): RegionPrices {
  return {
    region: p.region,
    source: p.source,
    date: p.date,
    fargateVcpuHour: p.fargateVcpuHour,
    fargateGbHour: p.fargateGbHour,
    fargateEphemeralGbHour: null,
    ec2: { ...p.ec2 },
    unverified: [...p.unverified],
  };
}

const sameSize = (a: FargateSize, b: FargateSize) => a.vcpu === b.vcpu && a.memoryGiB === b.memoryGiB;

/**
 * Right-sizing items for the Fargate pods among `lines`, largest monthly saving first. Pods of one workload
 * with the same request and billed size make one item.
 */
export function rightSizing(lines: readonly CostLine[], prices: PriceInfo | null): RightSizeItem[] {
  if (!prices) return [];
  const rp = asRegionPrices(prices);
  const groups = new Map<string, { line: CostLine; billed: FargateSize; pods: number }>();
  for (const l of lines) {
    if (l.kind !== 'pod' || l.placement !== 'fargate' || !l.billed) continue;
    const key = `${l.namespace}\u0000${l.workload}\u0000${l.request.cpuMillis}/${l.request.memoryBytes}/${l.billed.vcpu}/${l.billed.memoryGiB}`;
    const g = groups.get(key);
    if (g) g.pods++;
    else groups.set(key, { line: l, billed: l.billed, pods: 1 });
  }
  // Many pods share a request and a size: the engine's answer is worked out once per combination.
  const advice = new Map<string, { needed: FargateSize | null; engine: ReturnType<typeof rightSize> }>();
  const items: RightSizeItem[] = [];
  for (const { line, billed, pods } of groups.values()) {
    const billedHourly = fargateComputeHourly(billed, prices);
    const key = `${line.request.cpuMillis}/${line.request.memoryBytes}/${billed.vcpu}/${billed.memoryGiB}`;
    let a = advice.get(key);
    if (!a) {
      const engine = rightSize({ ...sizePod(singleContainerSpec(line.request.cpuMillis, line.request.memoryBytes)), size: billed }, rp);
      a = { needed: fargateSizeFor(line.request), engine };
      advice.set(key, a);
    }
    const { needed } = a;
    const { headroom, nextSmaller } = a.engine;
    const base = { workload: line.workload ?? `Pod/${line.name}`, namespace: line.namespace ?? '', pods, request: { ...line.request }, billed: { ...billed }, headroom: { ...headroom } };
    if (needed && !sameSize(needed, billed) && fargateComputeHourly(needed, prices) < billedHourly) {
      const savingNano = toNano(billedHourly - fargateComputeHourly(needed, prices)) * pods;
      items.push({ ...base, target: { ...needed }, reason: 'billed-above-request', trim: { cpuMillis: 0, memoryBytes: 0 }, ...saving(savingNano) });
    } else if (nextSmaller) {
      const savingNano = toNano(billedHourly - fargateComputeHourly(nextSmaller.size, prices)) * pods;
      items.push({ ...base, target: { ...nextSmaller.size }, reason: 'trim', trim: { ...nextSmaller.trim }, ...saving(savingNano) });
    }
  }
  return items.sort((a, b) => b.savingMonthlyUSD - a.savingMonthlyUSD || (a.workload < b.workload ? -1 : 1));
}

function saving(nano: number): { savingHourlyUSD: number; savingMonthlyUSD: number } {
  return { savingHourlyUSD: fromNano(nano), savingMonthlyUSD: fromNano(nano * HOURS_PER_MONTH) };
}
