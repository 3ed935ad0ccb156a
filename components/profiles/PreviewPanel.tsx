'use client';
/**
 * The server's preview of a profile: which existing pods it would capture (and from where), what Fargate would
 * bill for each, the $/hour before and after, which pods Fargate would refuse and why; then the same profile
 * as an eksctl command and a ClusterConfig file, ready to copy.
 */
import type { EksctlCommand } from '@/lib/profiles/eksctl';
import type { ProfilePreview } from '@/lib/profiles/preview';
import { formatRequest, formatUSD, HOURS_PER_MONTH, shortNodeName } from '@/lib/ui/format';
import { PlaceBadge } from '../Badge';
import { ListTable } from '../common/Table';
import { Block, CopyButton, Pre } from './Controls';

function Money({ now, after, label }: { now: number; after: number; label: string }) {
  const delta = after - now;
  return (
    <div className="font-mono">
      <span className="text-muted">{label} </span>
      {formatUSD(now)}/h → <span className="font-semibold">{formatUSD(after)}/h</span>{' '}
      <span className={delta > 0 ? 'text-warn' : delta < 0 ? 'text-ok' : 'text-muted'}>
        ({delta >= 0 ? '+' : ''}
        {formatUSD(delta)}/h, {delta >= 0 ? '+' : ''}
        {formatUSD(delta * HOURS_PER_MONTH)}/month)
      </span>
    </div>
  );
}

/** The impact of the profile on today's pods. */
export function ImpactPreview({ preview }: { preview: ProfilePreview }) {
  const p = preview;
  const oneNamespace = new Set(p.captured.map((c) => c.namespace)).size <= 1;
  return (
    <Block title={`Preview: pods ${p.profile} would capture (${p.captured.length})`} testId="profile-preview">
      <div className="mb-2 space-y-0.5 text-[12px]" data-testid="preview-cost">
        <Money label="captured pods" now={p.cost.capturedNowUSD} after={p.cost.capturedOnFargateUSD} />
        <Money label="cluster" now={p.cost.clusterNowUSD} after={p.cost.clusterAfterUSD} />
        {p.prices ? (
          <p className="text-[11px] text-muted">
            list prices {p.prices.region}, {p.prices.source} ({p.prices.date})
          </p>
        ) : null}
      </div>
      {p.captured.length ? (
        <ListTable
          label="Pods the profile would capture"
          testId="preview-captured"
          headers={['POD', 'FROM', 'REQUESTED', 'FARGATE SIZE', '$/H NOW', '$/H FARGATE', 'FARGATE?']}
          rows={p.captured.map((c) => [
            <span key="p" title={`${c.namespace}/${c.name}, selector ${c.selectorIndex + 1}`}>
              {oneNamespace ? c.name : `${c.namespace}/${c.name}`}
            </span>,
            <span key="f" className="inline-flex items-center gap-1" title={c.from.text}>
              <PlaceBadge placement={c.from.placement} /> {c.from.profile ?? (c.from.node ? shortNodeName(c.from.node) : c.from.text)}
            </span>,
            formatRequest(c.request),
            c.capacityProvisioned ?? '—',
            formatUSD(c.hourlyNowUSD),
            formatUSD(c.hourlyOnFargateUSD),
            c.issues.length ? (
              <span key="i" className="text-err" title={c.issues.join('\n')}>
                refused
              </span>
            ) : (
              <span key="i" className="text-ok">
                runs
              </span>
            ),
          ])}
        />
      ) : null}
      {p.captured.some((c) => c.issues.length) ? (
        <div className="mt-2 text-[12px]" data-testid="preview-refused">
          <p className="font-semibold text-err">Fargate would refuse {p.blocked} of them; recreated, they would stay Pending:</p>
          <ul className="list-inside list-disc font-mono text-[11px]">
            {p.captured
              .filter((c) => c.issues.length)
              .map((c) => (
                <li key={c.id}>
                  {c.namespace}/{c.name}: {c.issues.join('; ')}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {p.displaced.length ? (
        <div className="mt-2 text-[12px]" data-testid="preview-displaced">
          <p className="font-semibold text-warn">Pods of {p.replacing} that the new profile does not take (deleted with it):</p>
          <ul className="list-inside list-disc font-mono text-[11px]">
            {p.displaced.map((d) => (
              <li key={d.id}>
                {d.namespace}/{d.name} → {d.next}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.shadowed.length ? (
        <p className="mt-2 text-[12px] text-muted" data-testid="preview-shadowed">
          Also matching, but kept by a profile that sorts first: {p.shadowed.map((s) => `${s.namespace}/${s.name} (${s.winner})`).join(', ')}
        </p>
      ) : null}
      {p.excluded.length ? (
        <p className="mt-1 text-[12px] text-muted">
          Not captured: {p.excluded.map((e) => `${e.namespace}/${e.name}`).join(', ')} — {p.excluded[0].reason}
        </p>
      ) : null}
      <ul className="mt-2 list-inside list-disc text-[11px] text-muted">
        {p.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </Block>
  );
}

/** The eksctl command and ClusterConfig YAML of the profile. */
export function EksctlPanel({ eksctl, yaml }: { eksctl: EksctlCommand; yaml: string }) {
  return (
    <Block title="The same with eksctl" testId="profile-eksctl">
      <div className="mb-1 flex items-center gap-2 text-[11px] text-muted">
        <span>command</span>
        <CopyButton text={eksctl.command} label="copy command" testId="copy-command" />
      </div>
      <Pre label="eksctl command" text={eksctl.command} testId="eksctl-command" />
      {eksctl.notes.length ? (
        <ul className="mt-1 list-inside list-disc text-[11px] text-warn">
          {eksctl.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 mb-1 flex items-center gap-2 text-[11px] text-muted">
        <span>
          ClusterConfig (<code>{eksctl.fileCommand}</code>)
        </span>
        <CopyButton text={yaml} label="copy YAML" testId="copy-yaml" />
      </div>
      <Pre label="ClusterConfig YAML" text={yaml} testId="eksctl-yaml" />
    </Block>
  );
}
