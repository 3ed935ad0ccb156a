/**
 * The cost table: one row per group (idle EC2 capacity in rows of its own), then the total. Every dollar cell
 * carries its exact value on hover.
 */
import type { ReactNode } from 'react';
import { GROUP_BY_LABEL } from '@/lib/cost/query';
import type { CostGroup, GroupBy } from '@/lib/cost/types';
import { FigureTable, NUM, TD, type Column } from '../common/Table';
import { Money } from './Money';

const FIGURE_COLUMNS: Column[] = ['PODS', '$/HOUR', '$/MONTH', 'ACCRUED', 'EC2 PODS', 'EC2 IDLE', 'FARGATE', 'REQUESTED', 'WASTE', 'BILLED'].map((label) => ({ label, num: true }));

function Row({ g, hint, label, total, effective }: { g: CostGroup; hint: string; label: ReactNode; total?: boolean; effective: boolean }) {
  return (
    <tr data-testid={total ? 'cost-total' : 'cost-row'} data-key={g.key} className={total ? 'font-semibold' : g.idle ? 'text-muted italic' : 'hover:bg-[var(--row-hover)]'}>
      <th scope="row" className={`${TD} max-w-[48ch] truncate text-left font-normal ${total ? 'font-semibold' : ''}`} title={g.label}>
        {label}
      </th>
      <td className={NUM}>
        {g.idle || g.key === 'cluster' ? (
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
      {effective ? (
        <td className={NUM}>
          <Money usd={g.effectiveHourlyUSD ?? g.hourlyUSD} per="h" hint="after your discounts (FARVIEW_DISCOUNTS)" testId="effective" />
        </td>
      ) : null}
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
export function GroupTable({
  by,
  groups,
  total,
  hint,
  linkFor,
  effective = false,
}: {
  by: GroupBy;
  groups: CostGroup[];
  total: CostGroup;
  hint: string;
  linkFor?: (g: CostGroup) => string | null;
  /** Show the effective $/hour after the user's discounts beside the list price. */
  effective?: boolean;
}) {
  const figures = effective ? [FIGURE_COLUMNS[0], FIGURE_COLUMNS[1], { label: 'EFFECTIVE $/H', num: true }, ...FIGURE_COLUMNS.slice(2)] : FIGURE_COLUMNS;
  return (
    <FigureTable
      label={`Cost by ${GROUP_BY_LABEL[by].toLowerCase()}`}
      caption={`Cost by ${GROUP_BY_LABEL[by].toLowerCase()}`}
      testId="cost-table"
      columns={[{ label: GROUP_BY_LABEL[by].toUpperCase() }, ...figures]}
    >
      <tbody>
        {groups.map((g) => {
          const href = linkFor?.(g) ?? null;
          return (
            <Row
              key={g.key}
              g={g}
              hint={hint}
              effective={effective}
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
            <td colSpan={effective ? 12 : 11} className={`${TD} text-muted`}>
              Nothing to show: no pods and no EC2 nodes match these filters.
            </td>
          </tr>
        ) : null}
      </tbody>
      <tfoot>
        <Row g={total} hint={hint} label="Total" total effective={effective} />
      </tfoot>
    </FigureTable>
  );
}
