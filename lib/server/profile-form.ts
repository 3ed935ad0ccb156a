import 'server-only';
/**
 * What the Fargate profile form shows before anything is written: its options (subnets with why public ones
 * are refused, roles, limits, unfinished replaces) and the server-side preview of a form as the user types.
 * Reads only; the writes themselves are in profile-writes.ts.
 */
import { clusterConfigYaml, eksctlCommand, type EksctlCommand } from '../profiles/eksctl';
import { LIMITS, toProfileSpec } from '../profiles/form';
import { previewProfile, type ProfilePreview } from '../profiles/preview';
import type { PlanState } from '../profiles/replace-plan';
import { validateProfileForm, type ValidationIssue } from '../profiles/validate';
import { pendingReplacePlans, readForm, subnetOptions, type WriteDeps, type WriteSource } from './profile-writes';
import { writeStatus } from './write-guard';
import type { ProfileFormOptions } from '../ui/api-types';

const PENDING_LOOKUP_MS = 2_000;

/** What the profile form offers: the wire type the browser reads (lib/ui/api-types.ts). */
export type FormOptions = ProfileFormOptions;

/** Everything the form offers before the user types: subnets, roles, the profiles there are, whether writes are on. */
export async function formOptions(source: WriteSource, deps: WriteDeps = {}): Promise<FormOptions> {
  const { view } = source.snapshot();
  const counts = new Map<string, number>();
  for (const p of view.profiles) if (p.podExecutionRoleArn) counts.set(p.podExecutionRoleArn, (counts.get(p.podExecutionRoleArn) ?? 0) + 1);
  const { subnets, error } = await subnetOptions(source);
  let pendingReplaces: PlanState[] = [];
  let pendingReplacesError: string | null = null;
  // The form must not wait for a store that is still opening (a first PGlite start runs initdb): the lookup
  // goes on in the background, warming the store for the write, and the answer says it is not known yet.
  const lookup = pendingReplacePlans(source.context, deps);
  lookup.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => {
    timer = setTimeout(() => r('late'), PENDING_LOOKUP_MS);
    timer.unref();
  });
  try {
    const r = await Promise.race([lookup, late]);
    if (r === 'late') pendingReplacesError = 'the audit log is still opening: unfinished replaces are not known yet (reload in a moment)';
    else pendingReplaces = r;
  } catch (e) {
    pendingReplacesError = (e as Error).message;
  } finally {
    if (timer) clearTimeout(timer);
  }
  return {
    context: source.context,
    clusterName: source.target.clusterName,
    region: source.target.region,
    writes: writeStatus(),
    profiles: view.profiles.map((p) => ({ name: p.name, status: p.status })),
    roles: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([r]) => r),
    subnets,
    subnetsError: error,
    limits: LIMITS,
    pendingReplaces,
    pendingReplacesError,
  };
}

export interface PreviewResult {
  issues: ValidationIssue[];
  preview: ProfilePreview | null;
  eksctl: EksctlCommand;
  yaml: string;
}

/**
 * Validation, impact preview and the eksctl equivalents of a form, computed on the server from the live view.
 * The preview uses the selectors that are valid so far, so it follows the user while they type.
 */
export async function previewForm(source: WriteSource, body: unknown, replacing: string | null = null): Promise<PreviewResult> {
  const form = readForm(body);
  const { view } = source.snapshot();
  const { subnets } = await subnetOptions(source);
  const issues = validateProfileForm(form, { profiles: view.profiles, subnets, replacing });
  const spec = toProfileSpec(form);
  const badSelector = (i: number) => issues.some((x) => x.severity === 'error' && x.field.startsWith(`selectors.${i}.`));
  const usable = spec.selectors.filter((_, i) => !badSelector(i));
  const preview =
    usable.length > 0
      ? previewProfile(view, { name: form.name || '(new profile)', selectors: usable }, {
          replacing,
          prices: source.prices,
          lookup: (p) => {
            const o = source.getPodObject(p.namespace, p.name);
            return o ? { spec: o.spec, annotations: o.metadata.annotations } : null;
          },
        })
      : null;
  const cluster = { name: source.target.clusterName ?? view.meta.clusterName ?? source.context, region: source.target.region };
  return { issues, preview, eksctl: eksctlCommand(spec, cluster), yaml: clusterConfigYaml(spec, cluster) };
}
