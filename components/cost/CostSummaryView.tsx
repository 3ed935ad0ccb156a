/**
 * The cost view's body, shared by the live page and a shared report: which prices and which moment, the run
 * rate, the two charts, the grouped table, the right-sizing list, the other-side estimates and the notes.
 * No hooks, so a report renders it on the server.
 */
import type { ReactNode } from 'react';
import { groupLines } from '@/lib/cost/group';
import { provenance } from '@/lib/cost/prices';
import { GROUP_BY_LABEL } from '@/lib/cost/query';
import type { CostGroup, CostLine, CostSummary } from '@/lib/cost/types';
import type { RightsizingResponse } from '@/lib/usage/types';
import { OtherSideTable, RightSizingTable } from './AdviceTables';
import { RequestedBilledChart, SideChart } from './Charts';
import { GroupTable } from './GroupTable';
import { Money } from './Money';
import { UsageAdvice } from './UsageAdvice';

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-[16ch] rounded border border-border bg-panel px-3 py-1.5" data-testid={testId}>
      <div className="text-[11px] text-muted uppercase">{label}</div>
      <div className="font-mono text-[15px]">{children}</div>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid-page">
      <h2 id={id} className="mb-1.5 text-[13px] font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The rates behind every figure, and where they come from. */
function PricesUsed({ prices }: { prices: NonNullable<CostSummary['prices']> }) {
  const ec2 = Object.entries(prices.ec2);
  return (
    <details className="mt-0.5 text-[12px] print:hidden" data-testid="prices-used">
      <summary className="cursor-pointer text-accent">Prices used</summary>
      <dl className="mt-1 grid max-w-[110ch] grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 font-mono">
        <dt className="text-muted">Fargate</dt>
        <dd>
          ${prices.fargateVcpuHour} per vCPU-hour, ${prices.fargateGbHour} per GB-hour (Linux/x86, {prices.region})
        </dd>
        <dt className="text-muted">EC2</dt>
        <dd>{ec2.length ? ec2.map(([t, usd]) => `${t} $${usd}/hour`).join(', ') : 'no EC2 node with a known price'} (On-Demand, Linux)</dd>
        <dt className="text-muted">read</dt>
        <dd>
          {prices.date}
          {prices.unverified.length ? ` · unverified: ${prices.unverified.join(', ')}` : ''}
        </dd>
        <dt className="text-muted">source</dt>
        <dd className="font-sans whitespace-normal">{prices.source}</dd>
      </dl>
    </details>
  );
}

export interface CostSummaryViewProps {
  summary: CostSummary;
  /** The lines behind the summary (for the per-namespace chart whatever the grouping). */
  lines: readonly CostLine[];
  linkFor?: (g: CostGroup) => string | null;
  /** Right-sizing on usage; undefined where it does not apply (a report shared before usage was kept). */
  usageAdvice?: RightsizingResponse | null;
  usageError?: string | null;
}

/** Everything the cost view shows for one summary. */
export function CostSummaryView({ summary, lines, linkFor, usageAdvice, usageError }: CostSummaryViewProps) {
  const t = summary.total;
  const hint = provenance(summary.prices, summary.at);
  const saving = summary.rightSizing.reduce((s, r) => s + r.savingMonthlyUSD, 0);
  const namespaces = summary.query.by === 'namespace' ? summary.groups : groupLines(lines.filter((l) => l.kind === 'pod'), 'namespace');
  return (
    <div className="flex flex-col gap-5">
      <div>
        <p className="font-mono text-[12px] text-muted" data-testid="provenance" title={summary.prices ? `Source: ${summary.prices.source}` : undefined}>
          {hint}
        </p>
        {summary.prices ? <PricesUsed prices={summary.prices} /> : null}
        {summary.prices ? (
          // On paper the collapsed details cannot be opened: the rates and their source are printed instead.
          <p className="hidden font-mono text-[11px] print:block">
            Fargate ${summary.prices.fargateVcpuHour}/vCPU-hour, ${summary.prices.fargateGbHour}/GB-hour
            {Object.entries(summary.prices.ec2).map(([t, usd]) => `; ${t} $${usd}/hour`)}. Source: {summary.prices.source}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap gap-2" role="group" aria-label="Run rate">
        <Stat label="Run rate" testId="stat-hourly">
          <Money usd={t.hourlyUSD} per="h" hint={hint} />
          <span className="text-muted">/h</span>
        </Stat>
        {summary.discounts ? (
          <Stat label="Effective, after your discounts" testId="stat-effective">
            <Money usd={t.effectiveHourlyUSD ?? t.hourlyUSD} per="h" hint={`list prices less ${summary.discounts.text}`} />
            <span className="text-muted">/h</span>
          </Stat>
        ) : null}
        <Stat label="Per month (730 h)" testId="stat-monthly">
          <Money usd={t.monthlyUSD} per="mo" hint={hint} />
        </Stat>
        <Stat label="Accrued since start" testId="stat-accrued">
          <Money usd={t.accruedUSD} hint="each pod since it started, each node's idle share since the node started" />
        </Stat>
        <Stat label="EC2" testId="stat-ec2">
          <span className="text-ec2">
            <Money usd={t.ec2HourlyUSD + t.idleHourlyUSD} per="h" hint={hint} />
          </span>
          <span className="text-[12px] text-muted">
            {' '}
            idle <Money usd={t.idleHourlyUSD} per="h" hint="EC2 capacity no pod requested" />
          </span>
        </Stat>
        <Stat label="Fargate" testId="stat-fargate">
          <span className="text-fargate">
            <Money usd={t.fargateHourlyUSD} per="h" hint={hint} />
          </span>
          <span className="text-[12px] text-muted">
            {' '}
            waste <Money usd={t.wasteHourlyUSD} per="h" hint="billed but not requested: the 256 MiB Fargate adds and the rounding up" />
          </span>
        </Stat>
        <Stat label="Cheaper sizes could save" testId="stat-saving">
          <span className="text-ok">
            <Money usd={saving} per="mo" hint="the sum of the right-sizing on requests alone, below" />
          </span>
          <span className="text-muted">/mo</span>
        </Stat>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SideChart total={t} hint={hint} />
        <RequestedBilledChart namespaces={namespaces} hint={hint} />
      </div>

      <Section id="cost-by" title={`Cost by ${GROUP_BY_LABEL[summary.query.by].toLowerCase()}`}>
        <GroupTable by={summary.query.by} groups={summary.groups} total={t} hint={hint} linkFor={linkFor} effective={!!summary.discounts} />
        <p className="mt-1 max-w-[110ch] text-[12px] text-muted">
          Fargate pods cost the list price of the size they are billed for (CapacityProvisioned). An EC2 pod costs a share of its node: half the node&apos;s price
          split by CPU requested, half by memory requested; what no pod requested is the node&apos;s idle share, shown in rows of its own.
        </p>
      </Section>

      {usageAdvice !== undefined ? (
        <Section id="usage-rightsizing-title" title="Right-sizing on usage">
          <UsageAdvice advice={usageAdvice} error={usageError} hint={hint} />
        </Section>
      ) : null}

      <Section id="rightsizing-title" title="Right-sizing on requests alone">
        <p className="mb-1 max-w-[110ch] text-[12px] text-muted">
          From the requests and Fargate&apos;s size steps only, without looking at usage: a cheaper size is only safe if the pods do not use what the trim removes.
        </p>
        <RightSizingTable items={summary.rightSizing} hint={hint} />
        {summary.omitted.rightSizing ? <p className="mt-1 text-[12px] text-muted">…and {summary.omitted.rightSizing} smaller savings not listed.</p> : null}
      </Section>

      <Section id="other-side-title" title="On the other side">
        <OtherSideTable rows={summary.otherSide} method={summary.otherSideMethod} hint={hint} />
        {summary.omitted.otherSide ? <p className="mt-1 text-[12px] text-muted">…and {summary.omitted.otherSide} cheaper workloads not listed.</p> : null}
      </Section>

      {summary.notes.length ? (
        <Section id="notes-title" title="Notes">
          <ul className="list-disc pl-5 text-[12px]" data-testid="cost-notes">
            {summary.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}
