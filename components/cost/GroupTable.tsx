/**
 * The cost table: one row per group (idle EC2 capacity in rows of its own), then the total. Every dollar cell
 * carries its exact value on hover.
 */
import type { ReactNode } from 'react';
import { GROUP_BY_LABEL } from '@/lib/cost/query';
import type { CostGroup, GroupBy } from '@/lib/cost/types';
import { Money } from './Money';
import { ScrollX } from './ScrollX';

const TH = 'border-b border-border px-2 py-1 text-left font-normal whitespace-nowrap text-muted';
const TD = 'border-b border-border/60 px-2 py-0.5 whitespace-nowrap';
const NUM = `${TD} text-right`;

function Row({ g, hint, label, total }: { g: CostGroup; hint: string; label: ReactNode; total?: boolean }) {
  return (
    <tr data-testid={total ? 'cost-total' : 'cost-row'} data-key={g.key} className={total ? 'font-semibold' : g.idle ? 'text-muted italic' : 'hover:bg-[var(--row-hover)]'}>
      <th scope="row" className={`${TD} max-w-[48ch] truncate text-left font-normal ${total ? 'font-semibold' : ''}`} title={g.label}>
        {label}
      </th>
      <td className={NUM}>
        {g.idle ? (
          <span className="text-muted">—</span>
        ) : (
          <span title={`${g.ec2Pods} on EC2, ${g.fargatePods} on Fargate, ${g.pendingPods} pending`}>
            {g.pods}
            {g.pendingPods ? <span className="text-pending"> ({g.pendingPods} pending)</span> : null}
          </span>
        )}
      </td>
      <td className={NUM}>
        <Money usd={g.hourlyUSD} per="h" hint={hint} testId="hourly" />
      </td>
      <td className={NUM}>
        <Money usd={g.monthlyUSD} per="mo" hint={`${hint}; 730 hours a month`} testId="monthly" />
      </td>
      <td className={NUM}>
        <Money usd={g.accruedUSD} hint={`accrued since each pod started (idle: since the node started), at the moment above`} testId="accrued" />
      </td>
      <td className={`${NUM} text-ec2`}>{g.ec2HourlyUSD ? <Money usd={g.ec2HourlyUSD} per="h" hint="EC2 pods' share of their nodes by requests" /> : ''}</td>
      <td className={`${NUM} text-ec2`}>{g.idleHourlyUSD ? <Money usd={g.idleHourlyUSD} per="h" hint="EC2 capacity no pod requested" /> : ''}</td>
      <td className={`${NUM} text-fargate`}>{g.fargateHourlyUSD ? <Money usd={g.fargateHourlyUSD} per="h" hint="Fargate pods at their billed size" /> : ''}</td>
      <td className={`${NUM} text-fargate`}>
        {g.fargateHourlyUSD ? <Money usd={g.fargateRequestedHourlyUSD} per="h" hint="what the Fargate pods requested, at the same rates" /> : ''}
      </td>
      <td className={`${NUM} text-fargate`}>{g.fargateHourlyUSD ? <Money usd={g.wasteHourlyUSD} per="h" hint="billed but not requested" testId="waste" /> : ''}</td>
      <td className={NUM}>{g.fargatePods ? `${g.billedVcpu} vCPU / ${g.billedMemoryGiB} GB` : ''}</td>
    </tr>
  );
}

/** The grouped rows and their total. `linkFor` turns a group into a link (the live view links to the cluster screens). */
export function GroupTable({ by, groups, total, hint, linkFor }: { by: GroupBy; groups: CostGroup[]; total: CostGroup; hint: string; linkFor?: (g: CostGroup) => string | null }) {
  return (
    <ScrollX label={`Cost by ${GROUP_BY_LABEL[by].toLowerCase()}`}>
      <table className="w-full border-collapse font-mono text-[12px]" data-testid="cost-table">
        <caption className="sr-only">Cost by {GROUP_BY_LABEL[by].toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>
              {GROUP_BY_LABEL[by].toUpperCase()}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              PODS
            </th>
            <th scope="col" className={`${TH} text-right`}>
              $/HOUR
            </th>
            <th scope="col" className={`${TH} text-right`}>
              $/MONTH
            </th>
            <th scope="col" className={`${TH} text-right`}>
              ACCRUED
            </th>
            <th scope="col" className={`${TH} text-right`}>
              EC2 PODS
            </th>
            <th scope="col" className={`${TH} text-right`}>
              EC2 IDLE
            </th>
            <th scope="col" className={`${TH} text-right`}>
              FARGATE
            </th>
            <th scope="col" className={`${TH} text-right`}>
              REQUESTED
            </th>
            <th scope="col" className={`${TH} text-right`}>
              WASTE
            </th>
            <th scope="col" className={`${TH} text-right`}>
              BILLED
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const href = linkFor?.(g) ?? null;
            return (
              <Row
                key={g.key}
                g={g}
                hint={hint}
                label={
                  href ? (
                    <a href={href} className="text-accent hover:underline">
                      {g.label}
                    </a>
                  ) : (
                    g.label
                  )
                }
              />
            );
          })}
          {groups.length === 0 ? (
            <tr>
              <td colSpan={11} className={`${TD} text-muted`}>
                Nothing to show: no pods and no EC2 nodes match these filters.
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <Row g={total} hint={hint} label="Total" total />
        </tfoot>
      </table>
    </ScrollX>
  );
}
