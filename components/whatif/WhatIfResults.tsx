/**
 * The what-if answer: the prices and moment it used, the totals, and one block per pod template — where it
 * lands and why, its Fargate size and price against EC2, every reason Fargate would refuse it, and warnings.
 */
import { HOURS_PER_MONTH } from '@/lib/fargate/prices';
import { provenance } from '@/lib/cost/prices';
import type { WhatIfResponse, WhatIfRow } from '@/lib/cost/whatif';
import type { Landing } from '@/lib/fargate/landing';
import { formatCpu, formatMemory, formatMemoryBinary } from '@/lib/ui/format';
import { FigureTable, type Column } from '../common/Table';
import { Money } from '../cost/Money';

const LANDING: Record<Landing, { text: string; className: string }> = {
  fargate: { text: 'FARGATE', className: 'text-fargate' },
  ec2: { text: 'EC2', className: 'text-ec2' },
  refused: { text: 'REFUSED', className: 'text-err' },
  pending: { text: 'PENDING', className: 'text-pending' },
};

// Each template is a tbody with its own border: its cells have none.
const TD = 'px-2 py-0.5 whitespace-nowrap align-top';
const NUM = `${TD} text-right`;

const COLUMNS: Column[] = [
  { label: 'TEMPLATE' },
  { label: 'PODS', num: true },
  { label: 'LANDS ON' },
  { label: 'REQUEST' },
  { label: '+256Mi' },
  { label: 'FARGATE SIZE' },
  { label: 'FARGATE $/H', num: true },
  { label: 'EC2 $/H', num: true },
  { label: 'ALL PODS $/H', num: true },
];

function Template({ r, hint }: { r: WhatIfRow; hint: string }) {
  const landed = r.landedHourlyUSD === null ? null : r.landedHourlyUSD * r.replicas;
  return (
    <tbody data-testid="whatif-row" data-name={r.name} className="border-b border-border">
      <tr>
        <th scope="row" className={`${TD} text-left font-normal`}>
          <span className="text-muted">{r.kind} </span>
          {r.namespace}/{r.name}
          {r.namespaceDefaulted ? <span className="text-muted" title="the manifest names no namespace"> (default ns)</span> : null}
        </th>
        <td className={NUM}>{r.replicas}</td>
        <td className={`${TD} font-semibold ${LANDING[r.landing].className}`} data-testid="landing">
          {LANDING[r.landing].text}
          {r.profile ? <span className="font-normal text-muted"> {r.profile}</span> : null}
        </td>
        <td className={TD}>
          {formatCpu(r.request.cpuMillis)} / {formatMemory(r.request.memoryBytes)}
        </td>
        <td className={`${TD} text-muted`} title="memory Fargate must fit: the request + 256 MiB">
          {formatMemoryBinary(r.fargateMemoryBytes)}
        </td>
        <td className={`${TD} text-fargate`} data-testid="capacity">
          {r.capacityProvisioned ?? '—'}
        </td>
        <td className={`${NUM} text-fargate`}>
          <Money usd={r.fargateHourlyUSD} per="h" hint={`per pod on Fargate; ${hint}`} testId="fargate-hourly" />
        </td>
        <td className={`${NUM} text-ec2`}>
          <Money usd={r.ec2HourlyUSD} per="h" hint="per pod: requested share of the reference EC2 node" testId="ec2-hourly" />
        </td>
        <td className={NUM}>
          <Money usd={landed} per="h" hint={`all ${r.replicas} pods where they land`} testId="landed-hourly" />
        </td>
      </tr>
      <tr>
        <td colSpan={9} className="px-2 pb-1.5 pl-6 text-[12px] whitespace-normal">
          <p>
            <span className="text-muted">
              {r.source ? `${r.source}, ` : ''}document {r.document} ·{' '}
            </span>
            <span data-testid="reason">{r.reason}</span>
          </p>
          {r.issues.length ? (
            <ul className="mt-0.5 list-disc pl-5 text-err" aria-label={`Why Fargate would refuse ${r.name}`} data-testid="issues">
              {r.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          ) : null}
          {r.warnings.length ? (
            <ul className="mt-0.5 list-disc pl-5 text-warn" aria-label={`Warnings for ${r.name}`}>
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
          {r.nextSmaller ? (
            <p className="text-muted">
              next size down: {r.nextSmaller.capacityProvisioned} if the request drops
              {r.nextSmaller.trim.cpuMillis ? ` CPU by ${formatCpu(r.nextSmaller.trim.cpuMillis)}` : ''}
              {r.nextSmaller.trim.cpuMillis && r.nextSmaller.trim.memoryBytes ? ' and' : ''}
              {r.nextSmaller.trim.memoryBytes ? ` memory by ${formatMemoryBinary(r.nextSmaller.trim.memoryBytes)}` : ''}, saving ${r.nextSmaller.savingMonthlyUSD.toFixed(2)}/month per pod
            </p>
          ) : null}
        </td>
      </tr>
    </tbody>
  );
}

export function WhatIfResults({ result }: { result: WhatIfResponse }) {
  const hint = provenance(result.prices, result.at);
  const t = result.totals;
  return (
    <section aria-labelledby="whatif-results" className="flex flex-col gap-2" data-testid="whatif-results">
      <h2 id="whatif-results" className="text-[14px] font-semibold">
        {result.rows.length} pod template{result.rows.length === 1 ? '' : 's'}, {t.pods} pod{t.pods === 1 ? '' : 's'}
      </h2>
      <p className="font-mono text-[12px] text-muted" data-testid="provenance">
        {hint} · profiles:{' '}
        {result.profiles.length ? result.profiles.map((p) => `${p.name} (${p.status})`).join(', ') : 'none'} · namespace for manifests without one:{' '}
        {result.defaultNamespace}
      </p>
      <div className="flex flex-wrap gap-2 font-mono">
        <div className="rounded border border-border bg-panel px-3 py-1.5" data-testid="total-landed">
          <div className="text-[11px] text-muted uppercase">Where they land</div>
          <Money usd={t.landedHourlyUSD} per="h" hint={hint} />
          <span className="text-muted">/h · </span>
          <Money usd={t.landedHourlyUSD * HOURS_PER_MONTH} per="mo" hint={`${hint}; 730 hours`} />
          <span className="text-muted">/mo</span>
        </div>
        <div className="rounded border border-border bg-panel px-3 py-1.5" data-testid="total-fargate">
          <div className="text-[11px] text-muted uppercase">All on Fargate</div>
          <span className="text-fargate">
            <Money usd={t.fargateHourlyUSD} per="h" hint={hint} />
          </span>
          <span className="text-muted">/h{t.notOnFargate ? ` (${t.notOnFargate} pods cannot)` : ''}</span>
        </div>
        <div className="rounded border border-border bg-panel px-3 py-1.5" data-testid="total-ec2">
          <div className="text-[11px] text-muted uppercase">All on EC2</div>
          <span className="text-ec2">
            <Money usd={t.ec2HourlyUSD} per="h" hint={result.ec2Method} />
          </span>
          <span className="text-muted">/h</span>
        </div>
      </div>
      <FigureTable label="Pod templates" caption="Where each pod template would land" testId="whatif-table" columns={COLUMNS}>
        {result.rows.map((r, i) => (
          <Template key={`${r.document}-${r.kind}-${r.namespace}-${r.name}-${i}`} r={r} hint={hint} />
        ))}
      </FigureTable>
      <p className="max-w-[110ch] text-[12px] text-muted">
        Fargate: the request + 256 MiB, rounded up to a supported size, at list price per pod. {result.ec2Method}
      </p>
      {result.notes.length ? (
        <ul className="list-disc pl-5 text-[12px] text-warn">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
