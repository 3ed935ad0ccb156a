/**
 * The two advice tables under the cost table: the right-sizing list (cheaper Fargate sizes and what moving
 * there takes) and the other side (each workload all on Fargate and all on EC2), with its method.
 */
import type { OtherSideMethod, OtherSideRow, RightSizeItem } from '@/lib/cost/types';
import { formatCpu, formatMemory, formatMemoryBinary, formatSize } from '@/lib/ui/format';
import { Money } from './Money';
import { ScrollX } from './ScrollX';

const TH = 'border-b border-border px-2 py-1 text-left font-normal whitespace-nowrap text-muted';
const TD = 'border-b border-border/60 px-2 py-0.5 whitespace-nowrap';
const NUM = `${TD} text-right`;

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
    <ScrollX label="Right-sizing">
      <table className="w-full border-collapse font-mono text-[12px]" data-testid="rightsizing">
        <caption className="sr-only">Right-sizing</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              WORKLOAD
            </th>
            <th scope="col" className={`${TH} text-right`}>
              PODS
            </th>
            <th scope="col" className={TH}>
              REQUEST
            </th>
            <th scope="col" className={TH}>
              BILLED
            </th>
            <th scope="col" className={TH}>
              CHEAPER SIZE
            </th>
            <th scope="col" className={TH} title="what the request must lose to fit the cheaper size">
              REQUEST CHANGE
            </th>
            <th scope="col" className={TH} title="what the pods could request at no extra cost on the size they have">
              FREE NOW
            </th>
            <th scope="col" className={`${TH} text-right`}>
              SAVES/MONTH
            </th>
          </tr>
        </thead>
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
      </table>
    </ScrollX>
  );
}

/** Each workload now, all on Fargate and all on EC2, and the method behind the figures. */
export function OtherSideTable({ rows, method, hint }: { rows: OtherSideRow[]; method: OtherSideMethod; hint: string }) {
  return (
    <div>
      <ScrollX label="Each workload on the other side">
        <table className="w-full border-collapse font-mono text-[12px]" data-testid="other-side">
          <caption className="sr-only">Each workload on the other side</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                WORKLOAD
              </th>
              <th scope="col" className={`${TH} text-right`}>
                PODS
              </th>
              <th scope="col" className={TH}>
                RUNS ON
              </th>
              <th scope="col" className={`${TH} text-right`}>
                NOW $/H
              </th>
              <th scope="col" className={`${TH} text-right`}>
                ALL ON FARGATE
              </th>
              <th scope="col" className={`${TH} text-right`}>
                ALL ON EC2
              </th>
              <th scope="col" className={TH}>
                NOTE
              </th>
            </tr>
          </thead>
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
        </table>
      </ScrollX>
      <p className="mt-1 max-w-[110ch] text-[12px] text-muted" data-testid="other-side-method">
        {method.fargate} {method.ec2}
      </p>
    </div>
  );
}
