'use client';
/**
 * Following a write to its end in the live view: a new profile through CREATING to ACTIVE (or CREATE_FAILED
 * with EKS's health issues); for a replace, the recorded steps of the plan as well (new ACTIVE, old DELETING,
 * old gone), with "resume" when the plan stopped before its end. Once the profile is ACTIVE the captured pods
 * can be moved (RestartSection).
 */
import { useCallback, useEffect, useState } from 'react';
import { clusterPath, replacePath } from '@/lib/ui/api-paths';
import type { ReplaceStateAnswer } from '@/lib/ui/api-types';
import { formatDuration } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import type { ClusterView } from '@/lib/view/model';
import { useNow } from '../cluster/useNow';
import { ErrorBox } from '../common/ErrorBox';
import { requestJson } from '../common/request';
import { Block, BUTTON } from './Controls';
import { RestartSection } from './RestartSection';

export type Tracked =
  | { kind: 'create'; name: string; startedAt: number }
  | { kind: 'replace'; oldName: string; name: string; planId: string; startedAt: number };

function Step({ state, children, testId }: { state: 'done' | 'now' | 'wait' | 'failed'; children: React.ReactNode; testId?: string }) {
  const mark = state === 'done' ? '✓' : state === 'failed' ? '✗' : state === 'now' ? '◌' : '·';
  const tone = state === 'done' ? 'text-ok' : state === 'failed' ? 'text-err' : state === 'now' ? 'text-accent' : 'text-muted';
  return (
    <li className="flex gap-2" data-testid={testId} data-state={state}>
      <span className={`${tone} w-3 shrink-0`} aria-hidden="true">
        {mark}
      </span>
      <span>{children}</span>
    </li>
  );
}

function Status({ status }: { status: string | null }) {
  if (!status) return <span className="text-muted">not listed yet</span>;
  return <span className={`font-semibold ${TONE_TEXT[statusTone(status)]}`}>{status}</span>;
}

/** The progress of a create or replace, live. */
export function ProgressPanel({ context, tracked, view }: { context: string; tracked: Tracked; view: ClusterView | null }) {
  const now = useNow(1000);
  const profile = view?.profiles.find((p) => p.name === tracked.name) ?? null;
  const old = tracked.kind === 'replace' ? (view?.profiles.find((p) => p.name === tracked.oldName) ?? null) : null;
  const status = profile?.status ?? null;
  const failed = status === 'CREATE_FAILED';
  const active = status === 'ACTIVE';
  const [plan, setPlan] = useState<ReplaceStateAnswer | null>(null);
  const [planError, setPlanError] = useState<unknown>(null);
  const [resuming, setResuming] = useState(false);
  const planId = tracked.kind === 'replace' ? tracked.planId : null;
  const oldName = tracked.kind === 'replace' ? tracked.oldName : null;

  // A replace runs on the server; its recorded steps are read back until it ends.
  useEffect(() => {
    if (!planId || !oldName) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await requestJson<ReplaceStateAnswer>('GET', `${replacePath(context, oldName)}?plan=${encodeURIComponent(planId)}`);
        if (stop) return;
        setPlan(s);
        setPlanError(null);
        if (s.outcome === null) timer = setTimeout(poll, 1000);
      } catch (e) {
        if (stop) return;
        setPlanError(e);
        timer = setTimeout(poll, 3000);
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [context, planId, oldName, resuming]);

  const resume = useCallback(async () => {
    if (!planId || !oldName) return;
    try {
      await requestJson('POST', replacePath(context, oldName), { resume: planId });
      setResuming((r) => !r);
    } catch (e) {
      setPlanError(e);
    }
  }, [context, planId, oldName]);

  const elapsed = formatDuration(Math.max(0, now - tracked.startedAt));
  const title = tracked.kind === 'create' ? `Creating ${tracked.name}` : `Replacing ${tracked.oldName} with ${tracked.name}`;
  const oldGone = tracked.kind === 'replace' && view !== null && !old && (plan?.steps.includes('deleting-old') || plan?.outcome === 'done');

  return (
    <div className="flex flex-col gap-3" data-testid="profile-progress">
      <Block title={title} right={<span className="font-mono text-[11px] text-muted">{elapsed}</span>}>
        <ol className="space-y-1 font-mono text-[12px]">
          <Step state="done">CreateFargateProfile accepted by EKS</Step>
          <Step state={failed ? 'failed' : active ? 'done' : 'now'} testId="progress-status">
            {tracked.name}: <Status status={status} />
            {!active && !failed ? ' — EKS is provisioning it; the status comes from the live view' : ''}
          </Step>
          {failed ? (
            <li className="ml-5 text-err" data-testid="progress-health">
              {profile?.healthIssues.length
                ? profile.healthIssues.map((h) => `${h.code}: ${h.message}`).join('; ')
                : 'EKS reported no health issue; see the profile in the EKS console.'}
            </li>
          ) : null}
          {tracked.kind === 'replace' ? (
            <>
              <Step state={oldGone ? 'done' : old?.status === 'DELETING' ? 'now' : plan?.outcome === 'failed' ? 'failed' : 'wait'} testId="progress-old">
                then delete {tracked.oldName}: <Status status={old?.status ?? (oldGone ? 'deleted' : null)} />
                {!active && !failed ? ' (only once the new profile is ACTIVE)' : ''}
              </Step>
              <Step state={plan?.outcome === 'done' ? 'done' : plan?.outcome ? 'failed' : 'wait'} testId="progress-plan">
                plan {tracked.planId.slice(0, 8)}: {plan ? (plan.outcome ?? (plan.running ? 'running' : 'stopped')) : '…'}
                {plan?.lastError ? <span className="text-err"> — {plan.lastError}</span> : null}
              </Step>
            </>
          ) : null}
        </ol>
        {tracked.kind === 'replace' && plan && plan.outcome === null && !plan.running ? (
          <button type="button" className={`${BUTTON} mt-2`} onClick={() => void resume()} data-testid="progress-resume">
            Resume the replace
          </button>
        ) : null}
        {planError ? <ErrorBox error={planError} /> : null}
        <p className="mt-2 text-[11px]">
          <a className="text-accent hover:underline" href={clusterPath(context, `view=profiles&sel=${encodeURIComponent(tracked.name)}&open=detail`)}>
            open {tracked.name} in the cluster view
          </a>{' '}
          ·{' '}
          <a className="text-accent hover:underline" href={`/c/${encodeURIComponent(context)}/audit`}>
            audit log
          </a>
        </p>
      </Block>
      {/* A replace moves the old profile's pods itself (deleting it deletes them): offer restarts once it is over. */}
      {active && (tracked.kind === 'create' || plan?.outcome === 'done') ? <RestartSection context={context} name={tracked.name} view={view} /> : null}
    </div>
  );
}
