/**
 * The two advice tables under the cost table: the right-sizing list (cheaper Fargate sizes and what moving
 * there takes) and the other side (each workload all on Fargate and all on EC2), with its method.
 */
import type { OtherSideMethod, OtherSideRow, RightSizeItem } from '@/lib/cost/types';
import { formatCpu, formatMemory, formatMemoryBinary, formatSize } from '@/lib/ui/format';
import { FigureTable, NUM, TD, type Column } from '../common/Table';
import { Money } from './Money';

const RIGHT_SIZING_COLUMNS: Column[] = [
  { label: 'WORKLOAD' },
  { label: 'PODS', num: true },
  { label: 'REQUEST' },
  { label: 'BILLED' },
  { label: 'CHEAPER SIZE' },
  { label: 'REQUEST CHANGE', title: 'what the request must lose to fit the cheaper size' },
  { label: 'FREE NOW', title: 'what the pods could request at no extra cost on the size they have' },
  { label: 'SAVES/MONTH', num: true },
];

const OTHER_SIDE_COLUMNS: Column[] = [
  { label: 'WORKLOAD' },
  { label: 'PODS', num: true },
  { label: 'RUNS ON' },
  { label: 'NOW $/H', num: true },
  { label: 'ALL ON FARGATE', num: true },
  { label: 'ALL ON EC2', num: true },
  { label: 'NOTE' },
];

/** "CPU −500m", "memory −52.7Mi", or both. */
function trimText(t: { cpuMillis: number; memoryBytes: number }): string {
  const parts: string[] = [];
  if (t.cpuMillis > 0) parts.push(`CPU −${formatCpu(t.cpuMillis)}`);
  if (t.memoryBytes > 0) parts.push(`memory −${formatMemoryBinary(t.memoryBytes)}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** Cheaper sizes for the Fargate pods, largest saving first. */
export function RightSizingTable({ items, hint }: { items: RightSizeItem[]; hint: string }) {
  if (!items.length) return <p className="text-[12px] text-muted">No Fargate pod in these figures could run on a cheaper size.</p>;
  return (
    <FigureTable label="Right-sizing" caption="Right-sizing" testId="rightsizing" columns={RIGHT_SIZING_COLUMNS}>
      <tbody>
        {items.map((r) => (
          <tr key={`${r.namespace}/${r.workload}/${formatSize(r.billed)}/${r.request.cpuMillis}/${r.request.memoryBytes}`} data-testid="rightsizing-row">
            <th scope="row" className={`${TD} text-left font-normal`}>
              {r.namespace}/{r.workload}
            </th>
            <td className={NUM}>{r.pods}</td>
            <td className={TD}>
              {formatCpu(r.request.cpuMillis)} / {formatMemory(r.request.memoryBytes)}
            </td>
            <td className={`${TD} text-fargate`}>{formatSize(r.billed)}</td>
            <td className={`${TD} text-fargate`}>{formatSize(r.target)}</td>
            <td className={TD}>{r.reason === 'billed-above-request' ? 'none: billed above what the requests need, recreate the pods' : trimText(r.trim)}</td>
            <td className={`${TD} text-muted`}>
              {formatCpu(r.headroom.cpuMillis)} / {formatMemoryBinary(r.headroom.memoryBytes)}
            </td>
            <td className={`${NUM} text-ok`}>
              <Money usd={r.savingMonthlyUSD} per="mo" hint={`${hint}; all ${r.pods} pods, 730 hours`} testId="saving" />
            </td>
          </tr>
        ))}
      </tbody>
    </FigureTable>
  );
}

/** Each workload now, all on Fargate and all on EC2, and the method behind the figures. */
export function OtherSideTable({ rows, method, hint }: { rows: OtherSideRow[]; method: OtherSideMethod; hint: string }) {
  return (
    <div>
      <FigureTable label="Each workload on the other side" caption="Each workload on the other side" testId="other-side" columns={OTHER_SIDE_COLUMNS}>
        <tbody>
          {rows.map((r) => {
            const pending = r.pods - r.ec2Pods - r.fargatePods;
            const on = [r.ec2Pods ? `EC2 ${r.ec2Pods}` : '', r.fargatePods ? `Fargate ${r.fargatePods}` : '', pending ? `pending ${pending}` : ''].filter(Boolean).join(', ');
            return (
              <tr key={`${r.namespace}/${r.workload}`} data-testid="other-side-row">
                <th scope="row" className={`${TD} text-left font-normal`}>
                  {r.namespace}/{r.workload}
                </th>
                <td className={NUM}>{r.pods}</td>
                <td className={TD}>{on}</td>
                <td className={NUM}>
                  <Money usd={r.nowHourlyUSD} per="h" hint={hint} />
                </td>
                <td className={`${NUM} text-fargate`}>
                  <Money usd={r.fargateHourlyUSD} per="h" hint={r.fargateHourlyUSD === null ? r.notes.join('; ') : method.fargate} />
                </td>
                <td className={`${NUM} text-ec2`}>
                  <Money usd={r.ec2HourlyUSD} per="h" hint={r.ec2HourlyUSD === null ? r.notes.join('; ') : method.ec2} />
                </td>
                <td className={`${TD} whitespace-normal text-muted`}>{r.notes.join('; ')}</td>
              </tr>
            );
          })}
        </tbody>
      </FigureTable>
      <p className="mt-1 max-w-[110ch] text-[12px] text-muted" data-testid="other-side-method">
        {method.fargate} {method.ec2}
      </p>
    </div>
  );
}
