'use client';
/**
 * Deleting a Fargate profile, behind a deliberate step: the dialog lists the pods EKS deletes with it (and
 * where their controllers' new copies land), and the Delete button works only once the profile's name is
 * typed in. After the call it follows the profile (DELETING, then gone) and its pods in the live view.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { profilePath } from '@/lib/ui/api-paths';
import type { ProfileAnswer } from '@/lib/ui/api-types';
import { formatUSD } from '@/lib/ui/format';
import type { ClusterView } from '@/lib/view/model';
import { Dialog } from '../common/Dialog';
import { ErrorBox } from '../common/ErrorBox';
import { requestJson, unlessAborted } from '../common/request';
import { ListTable } from '../common/Table';
import { BUTTON, DANGER_BUTTON, INPUT } from './Controls';

type Info = Pick<ProfileAnswer, 'deleteImpact' | 'writes'>;

export function DeleteDialog({ context, name, view, onClose }: { context: string; name: string; view: ClusterView | null; onClose: () => void }) {
  const [info, setInfo] = useState<Info | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const inputId = useId();

  useEffect(() => {
    const ac = new AbortController();
    requestJson<Info>('GET', profilePath(context, name), undefined, ac.signal).then(setInfo, unlessAborted(setError));
    return () => ac.abort();
  }, [context, name]);
  useEffect(() => boxRef.current?.querySelector('input')?.focus(), [info]);

  const remove = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      await requestJson('DELETE', profilePath(context, name), { confirm: typed });
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [context, name, typed]);

  const live = view?.profiles.find((p) => p.name === name) ?? null;
  const pods = info?.deleteImpact.pods ?? [];
  const stillThere = new Set(view?.pods.map((p) => p.id) ?? []);
  const writesOff = info?.writes?.allowed === false;

  return (
    // Keys typed here belong to the dialog, not to the list behind it; the name field takes the focus.
    <Dialog
      panelRef={boxRef}
      labelledBy="delete-title"
      onClose={onClose}
      trapKeys
      focusPanel={false}
      className="mx-auto mt-[60px] max-h-[calc(100vh-120px)] w-[min(760px,94vw)] overflow-auto border border-err p-3 font-mono text-[12px] outline-none"
      testId="delete-dialog"
    >
      <h2 id="delete-title" className="mb-2 font-sans text-[14px] font-semibold">
        Delete Fargate profile <span className="text-err">{name}</span>?
      </h2>
      {!info && !error ? <p className="text-muted">Looking up the pods it runs…</p> : null}
      {info ? (
        <>
          <p className="mb-1" data-testid="delete-summary">
            {pods.length
              ? `EKS deletes its ${pods.length} pod${pods.length === 1 ? '' : 's'} (${formatUSD(info.deleteImpact.hourlyUSD)}/h on Fargate); their controllers recreate them where they match next:`
              : 'It runs no pods now: deleting it stops none.'}
          </p>
          {pods.length ? (
            <ListTable
              label="Pods deleted with the profile"
              wrap={[4]}
              headers={['NAMESPACE', 'NAME', 'WORKLOAD', '$/H', 'THEN', sent ? 'NOW' : '']}
              rows={pods.map((p) => [
                p.namespace,
                p.name,
                p.workload ? `${p.workload.kind}/${p.workload.name}` : '—',
                formatUSD(p.hourlyUSD),
                p.next,
                sent ? (stillThere.has(p.id) ? <span key="s" className="text-warn">still there</span> : <span key="s" className="text-ok">deleted</span>) : '',
              ])}
            />
          ) : null}
          {info.deleteImpact.notes.length ? (
            <ul className="mt-1 list-inside list-disc text-[11px] text-muted">
              {info.deleteImpact.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {sent ? (
        <p className="mt-2" role="status" data-testid="delete-status">
          DeleteFargateProfile accepted. {name}: {live ? <span className="font-semibold text-warn">{live.status}</span> : <span className="font-semibold text-ok">deleted</span>}
        </p>
      ) : (
        <div className="mt-3">
          <label htmlFor={inputId} className="mb-1 block">
            Type <span className="font-semibold">{name}</span> to confirm:
          </label>
          <div className="flex gap-2">
            <input
              id={inputId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && typed === name && !busy && !writesOff) void remove();
              }}
              spellCheck={false}
              autoComplete="off"
              className={`${INPUT} w-[32ch]`}
              data-testid="delete-confirm-input"
            />
            <button type="button" className={DANGER_BUTTON} disabled={typed !== name || busy || writesOff} onClick={() => void remove()} data-testid="delete-confirm">
              {busy ? 'Deleting…' : 'Delete profile'}
            </button>
            <button type="button" className={BUTTON} onClick={onClose}>
              Cancel
            </button>
          </div>
          {writesOff ? <p className="mt-1 text-warn">{info?.writes?.reason}</p> : null}
        </div>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {sent ? (
        <button type="button" className={`${BUTTON} mt-2`} onClick={onClose} data-testid="delete-close">
          Close
        </button>
      ) : null}
    </Dialog>
  );
}
