'use client';
/**
 * New Fargate profile (and Replace): the form with inline validation as the user types, the server's preview
 * of what the profile would capture and cost (refreshed as the form changes), the eksctl equivalents, and —
 * once submitted — the live progress of the write. The browser validates for speed; the server validates
 * again before anything reaches EKS.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emptyForm, formFromProfile, replacementName, type ProfileForm } from '@/lib/profiles/form';
import type { PlanState } from '@/lib/profiles/replace-plan';
import { hasErrors, validateProfileForm, type ValidationIssue } from '@/lib/profiles/validate';
import { clusterPath, newProfilePage, pagePath, previewPath, profilesPath, replacePath } from '@/lib/ui/api-paths';
import type { ProfileFormOptions, ProfilePreviewAnswer } from '@/lib/ui/api-types';
import { useLiveCluster } from '../cluster/useLiveCluster';
import { PageFrame, useCommonPageChrome } from '../cost/PageChrome';
import { PROFILE_FORM_KEYS } from '../cost/keys';
import { ErrorBox } from '../common/ErrorBox';
import { issuesOf, requestJson, unlessAborted } from '../common/request';
import { Block, BUTTON } from './Controls';
import { EksctlPanel, ImpactPreview } from './PreviewPanel';
import { ProfileFields } from './ProfileFields';
import { ProgressPanel, type Tracked } from './ProgressPanel';

function newToken(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `t-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The page: `replace` names the profile being replaced (prefilled), else a new profile. */
export function ProfileFormApp({ context, replace }: { context: string; replace: string | null }) {
  const { snapshot } = useLiveCluster(context);
  const view = snapshot?.view ?? null;
  const [options, setOptions] = useState<ProfileFormOptions | null>(null);
  const [optionsError, setOptionsError] = useState<unknown>(null);
  const [form, setForm] = useState<ProfileForm>(() => emptyForm());
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [serverIssues, setServerIssues] = useState<ValidationIssue[]>([]);
  const [tracked, setTracked] = useState<Tracked | null>(null);
  const [preview, setPreview] = useState<ProfilePreviewAnswer | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const token = useRef(newToken());
  const prefilled = useRef(false);

  useEffect(() => {
    const ac = new AbortController();
    requestJson<ProfileFormOptions>('GET', profilesPath(context), undefined, ac.signal).then((o) => {
      setOptions(o);
      if (!replace && o.roles[0]) setForm((f) => (f.podExecutionRoleArn ? f : { ...f, podExecutionRoleArn: o.roles[0] }));
    }, unlessAborted(setOptionsError));
    return () => ac.abort();
  }, [context, replace]);

  // Replace: start from the old profile as EKS has it, under a free new name.
  const old = replace ? (view?.profiles.find((p) => p.name === replace) ?? null) : null;
  useEffect(() => {
    if (!replace || !old || prefilled.current || !view) return;
    prefilled.current = true;
    setForm(formFromProfile(old, replacementName(replace, view.profiles.map((p) => p.name))));
  }, [replace, old, view]);

  const profiles = useMemo(() => view?.profiles.map((p) => ({ name: p.name, status: p.status })) ?? options?.profiles ?? null, [view, options]);
  const issues = useMemo(
    () => validateProfileForm(form, { profiles, subnets: options?.subnets ?? null, replacing: replace }),
    [form, profiles, options, replace],
  );
  const errors = issues.filter((i) => i.severity === 'error');
  const shownIssues = useMemo(() => [...issues, ...serverIssues.filter((s) => !issues.some((i) => i.field === s.field && i.message === s.message))], [issues, serverIssues]);

  const touch = useCallback((field: string) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field))), []);
  const shown = useCallback((field: string) => submitted || touched.has(field), [submitted, touched]);
  const change = useCallback((update: (f: ProfileForm) => ProfileForm) => {
    setForm(update);
    setServerIssues([]);
    setSubmitError(null);
  }, []);

  // The server's preview follows the form, a moment after the last keystroke.
  const formKey = JSON.stringify(form);
  useEffect(() => {
    if (tracked) return;
    const ac = new AbortController();
    const t = setTimeout(() => {
      requestJson<ProfilePreviewAnswer>('POST', previewPath(context), { form, replacing: replace }, ac.signal).then((p) => {
        setPreview(p);
        setPreviewError(null);
      }, unlessAborted(setPreviewError));
    }, 350);
    return () => {
      clearTimeout(t);
      ac.abort();
    };
    // formKey stands for form: the request is sent when the content changes, not the object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formKey, context, replace, tracked]);

  const submit = useCallback(async () => {
    setSubmitted(true);
    if (hasErrors(issues)) {
      const first = issues.find((i) => i.severity === 'error');
      const el = first ? document.getElementById(`fp-${first.field.replace(/\./g, '-')}`) : null;
      el?.focus();
      return;
    }
    setBusy(true);
    setSubmitError(null);
    setServerIssues([]);
    try {
      if (replace) {
        const r = await requestJson<{ state: PlanState }>('POST', replacePath(context, replace), { form });
        setTracked({ kind: 'replace', oldName: replace, name: form.name, planId: r.state.plan.id, startedAt: Date.now() });
      } else {
        await requestJson('POST', profilesPath(context), { form, clientRequestToken: token.current });
        token.current = newToken();
        setTracked({ kind: 'create', name: form.name, startedAt: Date.now() });
      }
    } catch (e) {
      setSubmitError(e);
      setServerIssues(issuesOf(e));
    } finally {
      setBusy(false);
    }
  }, [issues, replace, context, form]);

  const resume = useCallback(
    async (s: PlanState) => {
      try {
        await requestJson('POST', replacePath(context, s.plan.oldName), { resume: s.plan.id });
        setTracked({ kind: 'replace', oldName: s.plan.oldName, name: s.plan.spec.fargateProfileName, planId: s.plan.id, startedAt: Date.now() });
      } catch (e) {
        setSubmitError(e);
      }
    },
    [context],
  );

  const chrome = useCommonPageChrome(context, PROFILE_FORM_KEYS, view?.namespaces.map((n) => n.name) ?? []);

  const writesOff = options?.writes.allowed === false;
  const title = replace ? `Replace Fargate profile ${replace}` : 'New Fargate profile';
  const missingOld = replace && view && !old && !tracked;

  return (
    <PageFrame
      onAction={chrome.onAction}
      context={context}
      keys={PROFILE_FORM_KEYS}
      overlay={chrome.overlay}
      links={
        <>
          {options?.clusterName ? (
            <span className="text-muted">
              {options.clusterName} {options.region}
            </span>
          ) : null}
          <a href={clusterPath(context, 'view=profiles')} className="text-accent hover:underline">
            profiles
          </a>
          <a href={pagePath(context, 'audit')} className="text-accent hover:underline">
            audit
          </a>
        </>
      }
    >
      <main className="flex flex-1 flex-col gap-3 p-3 text-[13px]" aria-labelledby="fp-title">
        <div>
          <h1 id="fp-title" className="text-[15px] font-semibold">
            {title}
          </h1>
          <p className="text-[12px] text-muted">
            {replace
              ? `Profiles are immutable: the replacement is created first, and ${replace} is deleted only once it is ACTIVE. The plan is kept in the audit log, so an interrupted replace can be resumed.`
              : 'Pods that match a selector are scheduled on Fargate when they are created. The preview shows what it would do to the pods running now.'}
          </p>
        </div>
        {optionsError ? <ErrorBox error={optionsError} /> : null}
        {writesOff ? (
          <p role="status" className="rounded border border-warn/60 p-2 font-mono text-[12px] text-warn" data-testid="writes-off">
            Writes are off: {options?.writes.reason}
          </p>
        ) : null}
        {options?.pendingReplaces.length && !tracked ? (
          <div className="rounded border border-warn/60 p-2 font-mono text-[12px]" data-testid="pending-replaces">
            {options.pendingReplaces.map((s) => (
              <p key={s.plan.id}>
                <span className="text-warn">Unfinished replace</span> of {s.plan.oldName} by {s.plan.spec.fargateProfileName} (started {s.plan.startedAt} by {s.plan.actor}
                {s.lastError ? `; last error: ${s.lastError}` : ''}){' '}
                <button type="button" className={BUTTON} disabled={writesOff} onClick={() => void resume(s)} data-testid="resume-replace">
                  Resume
                </button>
              </p>
            ))}
          </div>
        ) : null}
        {options?.pendingReplacesError && !tracked ? <p className="font-mono text-[11px] text-muted">Unfinished replaces: {options.pendingReplacesError}</p> : null}
        {missingOld ? <ErrorBox error={new Error(`There is no Fargate profile ${replace} in ${context} to replace.`)} /> : null}
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <div className="flex min-w-0 flex-col gap-3">
            {tracked ? (
              <>
                <ProgressPanel context={context} tracked={tracked} view={view} />
                <p className="text-[12px]">
                  <a className="text-accent hover:underline" href={newProfilePage(context)}>
                    create another profile
                  </a>
                </p>
              </>
            ) : (
              <Block title="Profile" testId="profile-form">
                <form
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    void submit();
                  }}
                >
                  <ProfileFields
                    form={form}
                    onChange={change}
                    issues={shownIssues}
                    shown={shown}
                    touch={touch}
                    subnets={options?.subnets ?? null}
                    subnetsError={options?.subnetsError ?? null}
                    roles={options?.roles ?? []}
                    disabled={busy}
                  />
                  <div className="mt-3 flex flex-wrap items-center gap-3">
                    <button type="submit" className={BUTTON} disabled={busy || writesOff || !options || Boolean(missingOld)} title={writesOff ? (options?.writes.reason ?? '') : undefined} data-testid="profile-submit">
                      {busy ? 'Sending…' : replace ? `Replace ${replace}` : 'Create profile'}
                    </button>
                    {submitted && errors.length ? (
                      <span className="font-mono text-[12px] text-err" data-testid="form-error-count">
                        {errors.length} problem{errors.length === 1 ? '' : 's'} to fix; nothing was sent
                      </span>
                    ) : null}
                  </div>
                  {submitError ? (
                    <div className="mt-2">
                      <ErrorBox error={submitError} testId="submit-error" />
                    </div>
                  ) : null}
                </form>
              </Block>
            )}
          </div>
          <div className="flex min-w-0 flex-col gap-3">
            {previewError ? <ErrorBox error={previewError} testId="preview-error" /> : null}
            {preview?.preview ? <ImpactPreview preview={preview.preview} /> : null}
            {!preview?.preview && !previewError ? (
              <Block title="Preview">
                <p className="text-[12px] text-muted">Name a namespace in a selector to see which pods the profile would capture.</p>
              </Block>
            ) : null}
            {preview ? <EksctlPanel eksctl={preview.eksctl} yaml={preview.yaml} /> : null}
          </div>
        </div>
      </main>
    </PageFrame>
  );
}
