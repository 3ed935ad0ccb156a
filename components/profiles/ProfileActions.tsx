'use client';
/**
 * The write buttons of a profile's detail panel: Replace (profiles are immutable, so a change is a new profile
 * that takes over) and Delete (a dialog that lists the pods it removes and wants the name typed in). Disabled,
 * with the server's reason, where writes are off. Also offers to resume a replace of this profile that never
 * finished.
 */
import { useParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { decodeParam, newProfilePage, profilePath, replacePath } from '@/lib/ui/api-paths';
import type { ProfileAnswer } from '@/lib/ui/api-types';
import type { ClusterView, ProfileView } from '@/lib/view/model';
import { ErrorBox } from '../common/ErrorBox';
import { requestJson, unlessAborted } from '../common/request';
import { SMALL_BUTTON } from './Controls';
import { DeleteDialog } from './DeleteDialog';
import { dialogHostMounted, openDeleteDialog } from './DialogHost';

type Info = Pick<ProfileAnswer, 'writes' | 'pendingReplaces'>;

export function ProfileActions({ profile, view }: { profile: ProfileView; view: ClusterView }) {
  const params = useParams<{ context: string }>();
  const context = decodeParam(params?.context ?? view.meta.context);
  const [info, setInfo] = useState<Info | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    (signal?: AbortSignal) =>
      requestJson<Info>('GET', profilePath(context, profile.name), undefined, signal).then(setInfo, unlessAborted(setError)),
    [context, profile.name],
  );
  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal);
    return () => ac.abort();
  }, [load]);

  const act = useCallback(
    async (body: { resume: string } | { abandon: string }) => {
      try {
        await requestJson('POST', replacePath(context, profile.name), body);
        await load();
      } catch (e) {
        setError(e);
      }
    },
    [context, profile.name, load],
  );

  const off = info?.writes.allowed === false;
  const why = off ? (info?.writes.reason ?? 'writes are off on this server') : undefined;
  const busy = profile.status !== 'ACTIVE' && profile.status !== 'CREATE_FAILED' && profile.status !== 'DELETE_FAILED';
  return (
    <span className="flex items-center gap-1 font-sans" data-testid="profile-actions">
      {off ? (
        <span className="text-[11px] text-warn" title={why}>
          read-only
        </span>
      ) : null}
      <a
        href={off || profile.status !== 'ACTIVE' ? undefined : newProfilePage(context, profile.name)}
        aria-disabled={off || profile.status !== 'ACTIVE'}
        title={why ?? (profile.status !== 'ACTIVE' ? `only an ACTIVE profile can be replaced (${profile.status})` : 'create a new profile that takes over, then delete this one')}
        className={`${SMALL_BUTTON} ${off || profile.status !== 'ACTIVE' ? 'pointer-events-none opacity-40' : ''}`}
        data-testid="profile-replace"
      >
        Replace…
      </a>
      <button type="button" className={SMALL_BUTTON} disabled={off || busy} title={why ?? (busy ? `${profile.name} is ${profile.status}` : 'delete this profile')} onClick={() => (dialogHostMounted() ? openDeleteDialog(context, profile.name) : setDeleting(true))} data-testid="profile-delete">
        Delete…
      </button>
      {info?.pendingReplaces.map((s) => (
        <span key={s.plan.id} className="text-[11px] text-warn" data-testid="pending-replace">
          unfinished replace → {s.plan.spec.fargateProfileName}{' '}
          <button type="button" className={SMALL_BUTTON} disabled={off} onClick={() => void act({ resume: s.plan.id })}>
            resume
          </button>{' '}
          <button type="button" className={SMALL_BUTTON} disabled={off} onClick={() => void act({ abandon: s.plan.id })}>
            abandon
          </button>
        </span>
      ))}
      {error ? (
        <span className="max-w-[60ch]">
          <ErrorBox error={error} />
        </span>
      ) : null}
      {deleting ? <DeleteDialog context={context} name={profile.name} view={view} onClose={() => setDeleting(false)} /> : null}
    </span>
  );
}
