/**
 * Right-sizing on usage: per workload, the requests its usage history supports, with the evidence (window,
 * samples, p95 and peak), the risk seen (OOM kills, restarts, CPU at its limit), what it changes on the bill, and
 * the patch that applies it. Workloads with too little history are listed apart, recommending nothing. No hooks:
 * a shared report renders it on the server.
 */
import { formatCpu, formatMemoryBinary } from '@/lib/ui/format';
import { patchForRecommendation, type WorkloadPatch } from '@/lib/usage/patch';
import type { Insufficient, Recommended } from '@/lib/usage/recommend';
import type { RightsizingResponse } from '@/lib/usage/types';
import { FigureTable, NUM, TD, type Column } from '../common/Table';
import { CopyButton } from './CopyButton';
import { Money } from './Money';

const COLUMNS: Column[] = [
  { label: 'WORKLOAD' },
  { label: 'ON' },
  { label: 'PODS', num: true },
  { label: 'CONTAINER' },
  { label: 'REQUEST NOW' },
  { label: 'CPU p95 / PEAK', title: 'of the 5-minute means / the highest sample' },
  { label: 'MEM PEAK' },
  { label: 'RECOMMENDED' },
  { label: 'FARGATE', title: 'the size billed now → the size the recommended requests give' },
  { label: 'SAVES/MONTH', num: true },
  { label: 'EVIDENCE' },
  { label: 'RISK' },
  { label: 'APPLY', title: 'kubectl commands and the strategic-merge patch that set these requests' },
];

const cpu = (m: number) => formatCpu(Math.ceil(m));
const mem = (b: number) => formatMemoryBinary(b);

function hoursText(h: number): string {
  return h >= 48 ? `${Math.round((h / 24) * 10) / 10} d` : `${Math.round(h * 10) / 10} h`;
}

function patchText(p: WorkloadPatch): string {
  if (p.kind === 'manual') return p.requests.map((r) => `${r.container}: cpu ${r.cpu}, memory ${r.memory}`).join('\n');
  return [...p.setResources, '', '# or, as a strategic-merge patch:', p.yaml.trimEnd()].join('\n');
}

function Patch({ r }: { r: Recommended }) {
  const p = patchForRecommendation(r);
  if (!p) return <span className="text-muted">no change</span>;
  const text = patchText(p);
  const what = `${r.workload.kind}/${r.workload.name}`;
  return (
    <details className="whitespace-normal" data-testid="rightsize-patch">
      <summary className="cursor-pointer text-accent">apply</summary>
      <p className="text-[11px] text-muted">{p.kind === 'patch' ? p.note : p.reason}</p>
      <pre className="overflow-x-auto rounded border border-border bg-panel p-1.5 text-[11px] whitespace-pre">{text}</pre>
      <CopyButton text={text} label={`Copy the change for ${what}`} />
    </details>
  );
}

function RecommendedRows({ r, hint }: { r: Recommended; hint: string }) {
  const n = r.containers.length;
  return (
    <>
      {r.containers.map((c, i) => {
        const e = c.evidence;
        return (
          <tr key={c.container} data-testid={i === 0 ? 'usage-rightsizing-row' : undefined} className="align-top">
            {i === 0 ? (
              <th scope="row" rowSpan={n} className={`${TD} text-left font-normal`}>
                {r.workload.namespace}/{r.workload.kind}/{r.workload.name}
              </th>
            ) : null}
            {i === 0 ? (
              <td rowSpan={n} className={`${TD} ${r.placement === 'fargate' ? 'text-fargate' : 'text-ec2'}`}>
                {r.placement === 'fargate' ? 'Fargate' : 'EC2'}
              </td>
            ) : null}
            {i === 0 ? (
              <td rowSpan={n} className={NUM}>
                {r.replicas}
              </td>
            ) : null}
            <td className={TD}>{c.container}{c.role === 'init' ? ' (init)' : ''}</td>
            <td className={TD}>
              {formatCpu(c.current.request.cpuMillis)} / {mem(c.current.request.memoryBytes)}
            </td>
            <td className={TD}>{e ? `${cpu(e.cpuP95Millis)} / ${cpu(e.cpuPeakMillis)}` : '—'}</td>
            <td className={TD}>{e ? mem(e.memoryPeakBytes) : '—'}</td>
            <td className={`${TD} ${c.underRequested.cpu || c.underRequested.memory ? 'text-warn' : ''}`} title={c.cappedAtLimit.cpu || c.cappedAtLimit.memory ? 'held at the limit' : undefined}>
              {formatCpu(c.recommended.cpuMillis)} / {mem(c.recommended.memoryBytes)}
            </td>
            {i === 0 ? (
              <td rowSpan={n} className={`${TD} text-fargate`}>
                {r.fargate ? `${r.fargate.now.capacityProvisioned ?? '—'} → ${r.fargate.after.capacityProvisioned ?? 'does not fit'}` : '—'}
              </td>
            ) : null}
            {i === 0 ? (
              <td rowSpan={n} className={`${NUM} ${(r.fargate?.savingMonthlyUSD ?? 0) > 0 ? 'text-ok' : ''}`}>
                {r.fargate?.savingMonthlyUSD != null ? <Money usd={r.fargate.savingMonthlyUSD} per="mo" hint={`${hint}; all ${r.replicas} pods, 730 hours`} /> : <span className="text-muted" title={r.ec2?.note}>EC2: frees {formatCpu(-(r.ec2?.total.cpuMillis ?? 0))} / {mem(-(r.ec2?.total.memoryBytes ?? 0))}</span>}
              </td>
            ) : null}
            <td className={`${TD} text-muted`}>{e ? `${hoursText(e.spanHours)}, ${e.samples} samples` : 'none (init)'}</td>
            {i === 0 ? (
              <td rowSpan={n} className={`${TD} max-w-[40ch] whitespace-normal ${r.risk.messages.length ? 'text-warn' : 'text-muted'}`}>
                {r.risk.messages.length ? r.risk.messages.join(' ') : 'none seen'}
              </td>
            ) : null}
            {i === 0 ? (
              <td rowSpan={n} className={TD}>
                <Patch r={r} />
              </td>
            ) : null}
          </tr>
        );
      })}
    </>
  );
}

function InsufficientList({ items }: { items: Insufficient[] }) {
  if (!items.length) return null;
  return (
    <details className="mt-1 text-[12px]" data-testid="rightsizing-insufficient">
      <summary className="cursor-pointer text-muted">
        {items.length} workload{items.length === 1 ? '' : 's'} without enough history yet: nothing is recommended for {items.length === 1 ? 'it' : 'them'}
      </summary>
      <ul className="mt-0.5 font-mono">
        {items.map((r) => (
          <li key={`${r.workload.namespace}/${r.workload.kind}/${r.workload.name}/${r.placement}`} data-testid="rightsizing-insufficient-row">
            {r.workload.namespace}/{r.workload.kind}/{r.workload.name}: {r.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The section's body: the table, the rule, the workloads waiting for history, and the store's state. */
export function UsageAdvice({ advice, error, hint }: { advice: RightsizingResponse | null; error?: string | null; hint: string }) {
  if (!advice && error) return <p className="text-[12px] text-warn" data-testid="rightsizing-error">Right-sizing on usage is not available: {error}</p>;
  if (!advice) return <p className="text-[12px] text-muted">Reading the usage history…</p>;
  const recs = advice.recommendations.filter((r): r is Recommended => r.kind === 'recommendation');
  const short = advice.recommendations.filter((r): r is Insufficient => r.kind === 'insufficient');
  const saving = recs.reduce((s, r) => s + Math.max(0, r.fargate?.savingMonthlyUSD ?? 0), 0);
  return (
    <div>
      <p className="mb-1 max-w-[110ch] text-[12px] text-muted" data-testid="rightsizing-rule">
        Last {advice.window.days} days of usage from metrics-server. {advice.rule}
      </p>
      {recs.length ? (
        <FigureTable label="Right-sizing on usage" caption="Right-sizing on usage" testId="usage-rightsizing" columns={COLUMNS}>
          <tbody>
            {recs.map((r) => (
              <RecommendedRows key={`${r.workload.namespace}/${r.workload.kind}/${r.workload.name}/${r.placement}`} r={r} hint={hint} />
            ))}
          </tbody>
        </FigureTable>
      ) : (
        <p className="text-[12px] text-muted">No workload has enough usage history yet.</p>
      )}
      {saving > 0 ? (
        <p className="mt-1 text-[12px]">
          On Fargate these requests would save <Money usd={saving} per="mo" hint={hint} /> a month.
        </p>
      ) : null}
      <InsufficientList items={short} />
      {advice.history?.problem ? <p className="mt-1 text-[12px] text-warn">The usage history could not be written: {advice.history.problem}</p> : null}
      {advice.history === null ? <p className="mt-1 text-[12px] text-warn">This server keeps no usage history.</p> : null}
    </div>
  );
}
