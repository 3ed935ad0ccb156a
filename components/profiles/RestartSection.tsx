'use client';
/**
 * Moving existing pods onto an ACTIVE profile: the Deployments whose pods it now captures (as the server
 * computes it), a confirmed rollout restart of them, and then the pods as they land — live, with where each
 * runs, its Fargate size and what it costs.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RestartPlan } from '@/lib/profiles/restart';
import { profilePath, restartPath } from '@/lib/ui/api-paths';
import type { ProfileAnswer, RestartAnswer } from '@/lib/ui/api-types';
import { billedText } from '@/lib/ui/columns';
import { formatUSD } from '@/lib/ui/format';
import type { ClusterView } from '@/lib/view/model';
import { PlaceBadge } from '../Badge';
import { Dialog } from '../common/Dialog';
import { ErrorBox } from '../common/ErrorBox';
import { requestJson, unlessAborted } from '../common/request';
import { ListTable } from '../common/Table';
import { Block, BUTTON } from './Controls';

/** The confirm step: what will be restarted, and that pods are replaced one rollout at a time. */
function ConfirmRestart({ plan, onConfirm, onCancel, busy }: { plan: RestartPlan; onConfirm: () => void; onCancel: () => void; busy: boolean }) {
  return (
    <Dialog labelledBy="restart-title" onClose={onCancel} className="mx-auto mt-[80px] w-[min(640px,94vw)] border border-accent p-3 font-mono text-[12px] outline-none" testId="restart-dialog">
      <h2 id="restart-title" className="mb-2 font-sans text-[14px] font-semibold">
        Restart the captured workloads?
      </h2>
      <p className="mb-2">
        A rollout restart (as <code>kubectl rollout restart</code>) replaces the pods of these Deployments under their own rollout rules; the new pods
        land on Fargate profile <span className="font-semibold">{plan.profile}</span>.
      </p>
      <ul className="mb-3 list-inside list-disc">
        {plan.targets.map((t) => (
          <li key={`${t.namespace}/${t.name}`}>
            deployment {t.namespace}/{t.name} — {t.pods.length} pod{t.pods.length === 1 ? '' : 's'} now on {[...new Set(t.pods.map((p) => p.from))].join(', ')}
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <button type="button" className={BUTTON} onClick={onConfirm} disabled={busy} data-testid="restart-confirm">
          {busy ? 'Restarting…' : `Restart ${plan.targets.length} Deployment${plan.targets.length === 1 ? '' : 's'}`}
        </button>
        <button type="button" className={BUTTON} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/** The restart offer and, once confirmed, the pods landing. */
export function RestartSection({ context, name, view }: { context: string; name: string; view: ClusterView | null }) {
  const [info, setInfo] = useState<ProfileAnswer | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ plan: RestartPlan; answer: RestartAnswer } | null>(null);

  // The plan follows the cluster (pods come and go) until the user restarts: read it again every few seconds.
  const restarted = done !== null;
  useEffect(() => {
    if (restarted) return;
    const ac = new AbortController();
    const read = () =>
      requestJson<ProfileAnswer>('GET', profilePath(context, name), undefined, ac.signal).then(setInfo, unlessAborted(setLoadError));
    void read();
    const t = setInterval(() => void read(), 3000);
    return () => {
      clearInterval(t);
      ac.abort();
    };
  }, [context, name, restarted]);

  const restart = useCallback(async () => {
    if (!info) return;
    setBusy(true);
    setError(null);
    try {
      const deployments = info.restart.targets.map((t) => ({ namespace: t.namespace, name: t.name }));
      const answer = await requestJson<RestartAnswer>('POST', restartPath(context, name), { deployments });
      setDone({ plan: info.restart, answer });
      setConfirming(false);
    } catch (e) {
      setError(e);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }, [info, context, name]);

  if (loadError) return <ErrorBox error={loadError} />;
  if (!info) return <p className="text-muted">Looking for pods this profile now captures…</p>;
  const plan = done?.plan ?? info.restart;

  let landing: React.ReactNode = null;
  if (done && view) {
    const wanted = new Set(done.plan.targets.map((t) => `${t.namespace}/${t.name}`));
    const pods = view.pods.filter((p) => p.workload?.kind === 'Deployment' && wanted.has(`${p.namespace}/${p.workload.name}`) && p.phase !== 'Succeeded' && p.phase !== 'Failed');
    const landed = pods.filter((p) => p.placement === 'fargate' && p.profile === name);
    landing = (
      <div className="mt-2" data-testid="restart-landing">
        <p className="mb-1">
          <span className={landed.length === pods.length && pods.length > 0 ? 'text-ok' : 'text-warn'}>
            {landed.length} of {pods.length} pod{pods.length === 1 ? '' : 's'} on {name}
          </span>
          {landed.length === pods.length && pods.length > 0 ? ' — all landed.' : ' — the rollout replaces them one by one…'}
        </p>
        <ListTable
          label="Pods of the restarted Deployments"
          headers={['POD', 'PLACE', 'PROFILE', 'STATUS', 'BILLED', '$/H']}
          rows={pods.map((p) => [p.name, <PlaceBadge key="b" placement={p.placement} />, p.profile ?? '—', p.status, billedText(p), p.costBasis === 'none' ? '—' : formatUSD(p.hourlyUSD)])}
        />
        <ul className="mt-1 font-mono text-[11px]">
          {done.answer.results.map((r) => (
            <li key={`${r.namespace}/${r.name}`} className={r.ok ? 'text-muted' : 'text-err'}>
              {r.ok ? '✓' : '✗'} deployment {r.namespace}/{r.name}: {r.detail}
            </li>
          ))}
        </ul>
      </div>
    );
  }

  return (
    <Block title="Move the captured pods" testId="restart-section">
      {plan.blocked ? <p className="text-muted">{plan.blocked}</p> : null}
      {!plan.blocked && !done && plan.targets.length === 0 ? (
        <p className="text-muted" data-testid="restart-none">
          No running Deployment has pods this profile would take: new pods that match it land on Fargate as they are created.
        </p>
      ) : null}
      {!plan.blocked && !done && plan.targets.length > 0 ? (
        <div>
          <p className="mb-1">Existing pods move only when they are recreated. These Deployments have pods {name} now captures:</p>
          <ul className="mb-2 list-inside list-disc font-mono text-[12px]" data-testid="restart-targets">
            {plan.targets.map((t) => (
              <li key={`${t.namespace}/${t.name}`}>
                {t.namespace}/{t.name}: {t.pods.map((p) => `${p.name} (${p.from})`).join(', ')}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className={BUTTON}
            onClick={() => setConfirming(true)}
            disabled={info.writes?.allowed === false}
            title={info.writes?.allowed === false ? (info.writes.reason ?? '') : undefined}
            data-testid="restart-open"
          >
            Restart the captured workloads…
          </button>
          {info.writes?.allowed === false ? <p className="mt-1 text-warn">{info.writes.reason}</p> : null}
        </div>
      ) : null}
      {plan.refused.length ? (
        <p className="mt-2 text-err">
          Not restarted, Fargate would refuse their pods: {plan.refused.map((r) => `${r.namespace}/${r.name} (${r.reason})`).join('; ')}
        </p>
      ) : null}
      {plan.manual.length ? (
        <p className="mt-1 text-muted">A restart cannot move: {plan.manual.map((m) => `${m.namespace}/${m.name} (${m.owner})`).join(', ')} — recreate them by hand.</p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {landing}
      {confirming ? <ConfirmRestart plan={plan} busy={busy} onConfirm={() => void restart()} onCancel={() => setConfirming(false)} /> : null}
    </Block>
  );
}
