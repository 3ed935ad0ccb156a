import 'server-only';
/**
 * Fargate profile writes against a live cluster: the form's options (subnets with why public ones are
 * refused, roles, limits), the server-side preview, create, delete, replace (create → ACTIVE → delete the
 * old one, resumable from the audit log) and the rollout restart that moves captured pods. Every write is
 * validated again here with the same rules as the browser, goes through the EKS SDK client of the context's
 * ClusterSource, is followed by refreshAws() so the live view shows the new status at once, and is recorded
 * in the audit log with who, what and how it went.
 *
 * Errors are thrown as ProfileWriteError carrying the HTTP status and the {error, detail, source} body.
 */
import { randomUUID } from 'node:crypto';
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, type RouteTable, type Subnet as SdkSubnet } from '@aws-sdk/client-ec2';
import {
  CreateFargateProfileCommand,
  DeleteFargateProfileCommand,
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  ListFargateProfilesCommand,
} from '@aws-sdk/client-eks';
import type { KubeConfig } from '@kubernetes/client-node';
import type { RegionPrices } from '../fargate/types';
import { clusterConfigYaml, eksctlCommand, type EksctlCommand } from '../profiles/eksctl';
import { describeEksError, type ProfileOp } from '../profiles/eks-errors';
import { LIMITS, toProfileSpec, type ProfileForm, type ProfileSpec } from '../profiles/form';
import { readProfileForm } from '../profiles/parse';
import { previewDelete, previewProfile, type DeletePreview, type ProfilePreview } from '../profiles/preview';
import { nextReplaceStep, REPLACE_ACTIONS, replacePlans, type ObservedProfile, type PlanState, type ReplacePlan } from '../profiles/replace-plan';
import { restartPatch, restartPlan, type RestartPlan } from '../profiles/restart';
import { subnetChoices, type SubnetChoice, type SubnetFact } from '../profiles/subnets';
import { hasErrors, validateProfileForm, type ValidationContext, type ValidationIssue } from '../profiles/validate';
import { listAudit, recordAudit, type AuditEntry, type AuditInput } from '../store/audit';
import type { KubePod } from '../view/kube';
import type { ApiError, ClusterView } from '../view/model';
import type { AwsClients } from './aws-clients';
import { subnetIsPublic } from './aws-fetch';
import { kubeRequest, statusMessage } from './kube-http';
import { writeStatus, type Actor } from './write-guard';

/** What these writes need of a ClusterSource. */
export interface WriteSource {
  readonly context: string;
  readonly target: { clusterName: string | null; region: string | null };
  readonly prices: RegionPrices | null;
  kc: KubeConfig | null;
  snapshot(): { seq: number; view: ClusterView };
  refreshAws(): Promise<void>;
  aws(): Promise<AwsClients | null>;
  getPodObject(namespace: string, name: string): KubePod | undefined;
}

/** Where audit entries go: the store by default; tests pass one on a throwaway database. */
export interface AuditLog {
  record(e: AuditInput): Promise<{ id: number; at: string }>;
  list(opts: { limit?: number; before?: number }): Promise<AuditEntry[]>;
}

export const storeAuditLog: AuditLog = { record: (e) => recordAudit(e), list: (o) => listAudit(o) };

export interface WriteDeps {
  audit?: AuditLog;
  now?: () => Date;
  /** How often a replace polls EKS while it waits (default 2 s). */
  pollMs?: number;
  /** How long a replace may wait for EKS before it stops and stays resumable (default 30 min). */
  replaceTimeoutMs?: number;
}

export type ErrorBody = ApiError & { issues?: ValidationIssue[]; code?: string };

export class ProfileWriteError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.detail ? `${body.error}: ${body.detail}` : body.error);
    this.name = 'ProfileWriteError';
  }
}

const SUBNET_CACHE_MS = 30_000;
const REFRESH_WAIT_MS = 5_000;
const MAX_AUDIT_SCAN = 2_000;
const PENDING_LOOKUP_MS = 2_000;

function auditOf(deps: WriteDeps): AuditLog {
  return deps.audit ?? storeAuditLog;
}

function nowOf(deps: WriteDeps): Date {
  return deps.now?.() ?? new Date();
}

async function clientsOf(source: WriteSource): Promise<{ clients: AwsClients; clusterName: string }> {
  const clients = await source.aws();
  const clusterName = source.target.clusterName;
  if (!clients) {
    throw new ProfileWriteError(503, { error: 'No AWS region for this context', detail: `Set AWS_REGION for context ${source.context}.`, source: 'eks' });
  }
  if (!clusterName) {
    throw new ProfileWriteError(503, { error: 'The EKS cluster of this context is not known', detail: 'Set FARVIEW_EKS_CLUSTER.', source: 'eks' });
  }
  return { clients, clusterName };
}

function sdkError(op: ProfileOp, e: unknown): ProfileWriteError {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const f = describeEksError(op, err?.code && !err.name ? err.code : (err?.name ?? ''), err?.message ?? String(e), err?.$metadata?.httpStatusCode);
  return new ProfileWriteError(f.status, { error: f.error, detail: f.detail, source: 'eks', code: f.code });
}

/** Waits for refreshAws, but never holds the answer for long (the live stream shows the rest). */
async function refreshSoon(source: WriteSource): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    source.refreshAws().catch(() => undefined),
    new Promise<void>((r) => {
      timer = setTimeout(r, REFRESH_WAIT_MS);
      timer.unref();
    }),
  ]);
  if (timer) clearTimeout(timer);
}

async function audited(deps: WriteDeps, e: AuditInput): Promise<{ id: number } | { error: string }> {
  try {
    return await auditOf(deps).record(e);
  } catch (err) {
    console.error('farview: could not record an audit entry:', err);
    return { error: (err as Error).message };
  }
}

/** Refuses to write when the audit log cannot be written: a change nobody can trace is worse than none. */
async function requireAudit(deps: WriteDeps): Promise<void> {
  try {
    await auditOf(deps).list({ limit: 1 });
  } catch (e) {
    throw new ProfileWriteError(503, { error: 'The audit log is unavailable, so no write is made', detail: (e as Error).message, source: 'store' });
  }
}

function target(source: WriteSource, name: string): string {
  return `${source.context}/fargate-profile/${name}`;
}

// ---------------------------------------------------------------------------------------------- subnets

function igwOf(tables: RouteTable[], routeTableId: string | null): string | null {
  const t = tables.find((x) => x.RouteTableId === routeTableId);
  return t?.Routes?.find((r) => (r.GatewayId ?? '').startsWith('igw-') && r.State !== 'blackhole')?.GatewayId ?? null;
}

/** The subnets of the cluster's VPC, each with whether it is public, through which igw-, and whether the cluster uses it. */
export async function fetchSubnetFacts(clients: AwsClients, clusterName: string): Promise<SubnetFact[]> {
  const { cluster } = await clients.eks.send(new DescribeClusterCommand({ name: clusterName }));
  const vpcId = cluster?.resourcesVpcConfig?.vpcId;
  const clusterSubnets = new Set(cluster?.resourcesVpcConfig?.subnetIds ?? []);
  const filter = vpcId ? { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] } : { SubnetIds: [...clusterSubnets] };
  const subnets: SdkSubnet[] = [];
  let token: string | undefined;
  for (let i = 0; i < 50; i++) {
    const r = await clients.ec2.send(new DescribeSubnetsCommand({ ...filter, NextToken: token }));
    subnets.push(...(r.Subnets ?? []));
    token = r.NextToken ?? undefined;
    if (!token) break;
  }
  const vpcs = [...new Set(subnets.map((s) => s.VpcId).filter((v): v is string => !!v))];
  const tables: RouteTable[] = [];
  let rt: string | undefined;
  for (let i = 0; vpcs.length > 0 && i < 50; i++) {
    const r = await clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: vpcs }], NextToken: rt }));
    tables.push(...(r.RouteTables ?? []));
    rt = r.NextToken ?? undefined;
    if (!rt) break;
  }
  return subnets.map((s) => {
    const p = subnetIsPublic(s, tables);
    return {
      id: s.SubnetId ?? '',
      zone: s.AvailabilityZone ?? null,
      cidr: s.CidrBlock ?? null,
      public: p.public,
      internetGatewayId: p.public ? igwOf(tables, p.routeTableId) : null,
      inCluster: clusterSubnets.has(s.SubnetId ?? ''),
    };
  });
}

const subnetCache = new WeakMap<WriteSource, { at: number; choices: SubnetChoice[] }>();

/** The subnets on offer (cached for 30 s per source unless `fresh`), or why they could not be read. */
export async function subnetOptions(source: WriteSource, fresh = false): Promise<{ subnets: SubnetChoice[] | null; error: string | null }> {
  const hit = subnetCache.get(source);
  if (!fresh && hit && Date.now() - hit.at < SUBNET_CACHE_MS) return { subnets: hit.choices, error: null };
  try {
    const { clients, clusterName } = await clientsOf(source);
    const choices = subnetChoices(await fetchSubnetFacts(clients, clusterName));
    subnetCache.set(source, { at: Date.now(), choices });
    return { subnets: choices, error: null };
  } catch (e) {
    return { subnets: null, error: e instanceof ProfileWriteError ? e.message : `cannot list the VPC's subnets: ${(e as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------- form and preview

export interface FormOptions {
  context: string;
  clusterName: string | null;
  region: string | null;
  writes: { allowed: boolean; reason: string | null; auth: boolean };
  profiles: { name: string; status: string }[];
  /** Pod execution roles the existing profiles use, most used first. */
  roles: string[];
  subnets: SubnetChoice[] | null;
  subnetsError: string | null;
  limits: typeof LIMITS;
  /** Replace plans of this context that never finished. */
  pendingReplaces: PlanState[];
  pendingReplacesError: string | null;
}

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

function readForm(body: unknown): ProfileForm {
  const r = readProfileForm(body);
  if (!r.ok) throw new ProfileWriteError(400, { error: 'The profile could not be read', detail: r.issues[0].message, source: 'request', issues: r.issues });
  return r.value;
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

/** Validates against what EKS shows right now (a fresh list of profiles, not the last poll), throwing 400 with every issue. */
async function validateFresh(source: WriteSource, form: ProfileForm, replacing: string | null): Promise<ValidationIssue[]> {
  const { clients, clusterName } = await clientsOf(source);
  const { view } = source.snapshot();
  let profiles: ValidationContext['profiles'] = view.profiles;
  try {
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await clients.eks.send(new ListFargateProfilesCommand({ clusterName, nextToken: token, maxResults: 100 }));
      names.push(...(r.fargateProfileNames ?? []));
      token = r.nextToken ?? undefined;
      if (!token) break;
    }
    profiles = names.map((name) => ({ name, status: view.profiles.find((p) => p.name === name)?.status ?? 'listed by EKS' }));
  } catch (e) {
    throw sdkError('describe', e);
  }
  const { subnets } = await subnetOptions(source, true);
  const issues = validateProfileForm(form, { profiles, subnets, replacing });
  if (hasErrors(issues)) {
    const first = issues.find((i) => i.severity === 'error');
    throw new ProfileWriteError(400, { error: 'The profile is not valid; nothing was sent to EKS', detail: first?.message, source: 'request', issues });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------- create

export interface CreatedProfile {
  name: string;
  status: string;
  createdAt: string | null;
  /** Audit id of the entry, or why it could not be recorded. */
  audit: { id: number } | { error: string };
}

async function sendCreate(source: WriteSource, spec: ProfileSpec, token: string): Promise<{ name: string; status: string; createdAt: string | null }> {
  const { clients, clusterName } = await clientsOf(source);
  try {
    const r = await clients.eks.send(
      new CreateFargateProfileCommand({
        clusterName,
        fargateProfileName: spec.fargateProfileName,
        podExecutionRoleArn: spec.podExecutionRoleArn,
        selectors: spec.selectors.map((s) => ({ namespace: s.namespace, ...(Object.keys(s.labels).length ? { labels: s.labels } : {}) })),
        ...(spec.subnets.length ? { subnets: spec.subnets } : {}),
        ...(Object.keys(spec.tags).length ? { tags: spec.tags } : {}),
        clientRequestToken: token,
      }),
    );
    const p = r.fargateProfile;
    return { name: p?.fargateProfileName ?? spec.fargateProfileName, status: p?.status ?? 'CREATING', createdAt: p?.createdAt?.toISOString() ?? null };
  } catch (e) {
    throw sdkError('create', e);
  }
}

function clientToken(body: unknown): string {
  const t = typeof body === 'object' && body !== null ? (body as { clientRequestToken?: unknown }).clientRequestToken : undefined;
  // The browser sends one per submitted form, so a retried submit cannot create a second profile.
  return typeof t === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(t) ? t : randomUUID();
}

/**
 * Creates a Fargate profile from a form body ({form, clientRequestToken?}): validates it against the cluster as
 * it is now, calls CreateFargateProfile, records the outcome, and refreshes the live view.
 */
export async function createProfile(source: WriteSource, body: unknown, actor: Actor, deps: WriteDeps = {}): Promise<CreatedProfile> {
  const raw = typeof body === 'object' && body !== null && 'form' in body ? (body as { form: unknown }).form : body;
  const form = readForm(raw);
  const spec = toProfileSpec(form);
  const entry = { actor: actor.name, action: 'fargate-profile.create', target: target(source, form.name || '(no name)'), context: source.context, request: { profile: spec } };
  try {
    await validateFresh(source, form, null);
    await requireAudit(deps);
  } catch (e) {
    if (e instanceof ProfileWriteError) await audited(deps, { ...entry, result: 'error', detail: e.message });
    throw e;
  }
  let created;
  try {
    created = await sendCreate(source, spec, clientToken(body));
  } catch (e) {
    await audited(deps, { ...entry, result: 'error', detail: (e as Error).message });
    throw e;
  }
  const audit = await audited(deps, { ...entry, result: 'ok', detail: `CreateFargateProfile accepted: ${created.status}` });
  await refreshSoon(source);
  return { ...created, audit };
}

// ---------------------------------------------------------------------------------------------- delete

async function describe(source: WriteSource, name: string): Promise<ObservedProfile> {
  const { clients, clusterName } = await clientsOf(source);
  try {
    const r = await clients.eks.send(new DescribeFargateProfileCommand({ clusterName, fargateProfileName: name }));
    const p = r.fargateProfile;
    if (!p) return null;
    return { status: p.status ?? 'UNKNOWN', healthIssues: (p.health?.issues ?? []).map((i) => ({ code: i.code ?? 'Unknown', message: i.message ?? '' })) };
  } catch (e) {
    if ((e as { name?: string })?.name === 'ResourceNotFoundException') return null;
    throw sdkError('describe', e);
  }
}

async function sendDelete(source: WriteSource, name: string): Promise<string> {
  const { clients, clusterName } = await clientsOf(source);
  try {
    const r = await clients.eks.send(new DeleteFargateProfileCommand({ clusterName, fargateProfileName: name }));
    return r.fargateProfile?.status ?? 'DELETING';
  } catch (e) {
    throw sdkError('delete', e);
  }
}

export interface DeletedProfile {
  name: string;
  status: string;
  /** The pods EKS deletes with it, and where their replacements land. */
  impact: DeletePreview;
  audit: { id: number } | { error: string };
}

/** Deletes a profile; the body must be {confirm: "<the profile's name>"}, typed by the user. */
export async function deleteProfile(source: WriteSource, name: string, body: unknown, actor: Actor, deps: WriteDeps = {}): Promise<DeletedProfile> {
  const confirm = typeof body === 'object' && body !== null ? (body as { confirm?: unknown }).confirm : undefined;
  const entry = { actor: actor.name, action: 'fargate-profile.delete', target: target(source, name), context: source.context, request: { name, confirm: confirm ?? null } };
  const impact = previewDelete(source.snapshot().view, name);
  try {
    if (confirm !== name) {
      throw new ProfileWriteError(400, {
        error: "Type the profile's name to confirm the delete",
        detail: `Expected ${JSON.stringify(name)}, got ${confirm === undefined ? 'nothing' : JSON.stringify(confirm)}. Nothing was deleted.`,
        source: 'request',
      });
    }
    const now = await describe(source, name);
    if (!now) throw new ProfileWriteError(404, { error: 'No such Fargate profile', detail: `EKS has no profile ${name} in cluster ${source.target.clusterName}.`, source: 'eks' });
    if (now.status === 'DELETING') throw new ProfileWriteError(409, { error: 'The profile is already being deleted', detail: `${name} is DELETING.`, source: 'eks' });
    await requireAudit(deps);
  } catch (e) {
    if (e instanceof ProfileWriteError) await audited(deps, { ...entry, result: 'error', detail: e.message });
    throw e;
  }
  let status: string;
  try {
    status = await sendDelete(source, name);
  } catch (e) {
    await audited(deps, { ...entry, result: 'error', detail: (e as Error).message });
    throw e;
  }
  const audit = await audited(deps, { ...entry, result: 'ok', detail: `DeleteFargateProfile accepted: ${status}; ${impact.pods.length} pod(s) on it are deleted` });
  await refreshSoon(source);
  return { name, status, impact, audit };
}

// ---------------------------------------------------------------------------------------------- replace

interface ReplaceRegistry {
  running: Map<string, Promise<PlanState>>;
}
const REGISTRY = Symbol.for('farview.profile-replace.registry');

function registry(): ReplaceRegistry {
  const g = globalThis as typeof globalThis & { [REGISTRY]?: ReplaceRegistry };
  g[REGISTRY] ??= { running: new Map() };
  return g[REGISTRY];
}

/** Replace plans of a context that never ended, from the audit log (newest first). */
export async function pendingReplacePlans(context: string, deps: WriteDeps = {}): Promise<PlanState[]> {
  return replacePlans(await scanAudit(deps), { context, pending: true });
}

async function scanAudit(deps: WriteDeps): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let before: number | undefined;
  while (out.length < MAX_AUDIT_SCAN) {
    const page = await auditOf(deps).list({ limit: 500, before });
    out.push(...page);
    if (page.length < 500) break;
    before = page[page.length - 1].id;
  }
  return out;
}

/** One replace plan with whether this process is driving it now. */
export interface ReplaceState extends PlanState {
  running: boolean;
}

async function step(deps: WriteDeps, plan: ReplacePlan, name: string, result: 'ok' | 'error', detail?: string): Promise<void> {
  await audited(deps, { actor: plan.actor, action: REPLACE_ACTIONS.step, target: `${plan.context}/fargate-profile/${plan.oldName}`, context: plan.context, request: { planId: plan.id, step: name }, result, detail });
}

async function end(deps: WriteDeps, state: PlanState, outcome: 'done' | 'failed' | 'abandoned', detail: string): Promise<void> {
  state.outcome = outcome;
  await audited(deps, {
    actor: state.plan.actor,
    action: REPLACE_ACTIONS.end,
    target: `${state.plan.context}/fargate-profile/${state.plan.oldName}`,
    context: state.plan.context,
    request: { planId: state.plan.id, outcome },
    result: outcome === 'failed' ? 'error' : 'ok',
    detail,
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Drives a replace to its end: create the new profile if it is missing, wait for ACTIVE, delete the old one,
 * wait until it is gone. Each step is decided from EKS's answer and recorded. Stops (still pending, so it can
 * be resumed) after `replaceTimeoutMs` or after repeated errors talking to EKS.
 */
async function drive(source: WriteSource, state: PlanState, deps: WriteDeps): Promise<PlanState> {
  const { plan } = state;
  const pollMs = deps.pollMs ?? 2_000;
  const deadline = Date.now() + (deps.replaceTimeoutMs ?? 30 * 60_000);
  const newName = plan.spec.fargateProfileName;
  let failures = 0;
  let lastError = '';
  for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
    try {
      const [old, next] = await Promise.all([describe(source, plan.oldName), describe(source, newName)]);
      const s = nextReplaceStep(plan, old, next, state.created);
      failures = 0;
      if (s.kind === 'create') {
        await sendCreate(source, plan.spec, plan.id);
        state.created = true;
        await step(deps, plan, 'created', 'ok', `CreateFargateProfile ${newName} accepted`);
        await refreshSoon(source);
      } else if (s.kind === 'delete-old') {
        try {
          await sendDelete(source, plan.oldName);
          await step(deps, plan, 'deleting-old', 'ok', `DeleteFargateProfile ${plan.oldName} accepted`);
          await refreshSoon(source);
        } catch (e) {
          // Another profile may be changing (one at a time); wait and try again.
          if (!(e instanceof ProfileWriteError && e.body.code === 'ResourceInUseException')) throw e;
          await sleep(pollMs);
        }
      } else if (s.kind === 'done') {
        await end(deps, state, 'done', `${newName} is ACTIVE and ${plan.oldName} is deleted`);
        await refreshSoon(source);
        return state;
      } else if (s.kind === 'fail') {
        await end(deps, state, 'failed', s.reason);
        state.lastError = s.reason;
        await refreshSoon(source);
        return state;
      } else {
        if (!state.created && next) state.created = true;
        await sleep(pollMs);
      }
    } catch (e) {
      const message = (e as Error).message;
      failures++;
      state.lastError = message;
      if (message !== lastError) await step(deps, plan, 'error', 'error', message);
      lastError = message;
      if (failures >= 10) return state;
      await sleep(Math.min(pollMs * 2 ** failures, 30_000));
    }
  }
  await step(deps, plan, 'paused', 'error', 'stopped waiting for EKS; resume the replace to continue');
  state.lastError = 'stopped waiting for EKS; resume to continue';
  return state;
}

function run(source: WriteSource, state: PlanState, deps: WriteDeps): Promise<PlanState> {
  const reg = registry();
  const p = drive(source, state, deps)
    .catch((e) => {
      console.error(`farview: replace ${state.plan.id} stopped:`, e);
      state.lastError = (e as Error).message;
      return state;
    })
    .finally(() => reg.running.delete(state.plan.id));
  reg.running.set(state.plan.id, p);
  return p;
}

/**
 * Starts replacing `oldName` with the profile in `body` ({form}): validates it, records the plan, creates the new
 * profile now (so a refusal such as "another profile is changing" comes back at once), and lets the rest run in
 * the background. `done` resolves when the plan ends or stops.
 */
export async function startReplace(
  source: WriteSource,
  oldName: string,
  body: unknown,
  actor: Actor,
  deps: WriteDeps = {},
): Promise<{ state: ReplaceState; done: Promise<PlanState> }> {
  const raw = typeof body === 'object' && body !== null && 'form' in body ? (body as { form: unknown }).form : body;
  const form = readForm(raw);
  const spec = toProfileSpec(form);
  const plan: ReplacePlan = { id: randomUUID(), context: source.context, oldName, spec, actor: actor.name, startedAt: nowOf(deps).toISOString() };
  const entry = { actor: actor.name, action: REPLACE_ACTIONS.start, target: target(source, oldName), context: source.context, request: { plan } };
  try {
    const old = await describe(source, oldName);
    if (!old) throw new ProfileWriteError(404, { error: 'No such Fargate profile to replace', detail: `EKS has no profile ${oldName}.`, source: 'eks' });
    if (old.status !== 'ACTIVE') throw new ProfileWriteError(409, { error: 'Only an ACTIVE profile can be replaced', detail: `${oldName} is ${old.status}.`, source: 'eks' });
    await validateFresh(source, form, oldName);
    await requireAudit(deps);
  } catch (e) {
    if (e instanceof ProfileWriteError) await audited(deps, { ...entry, result: 'error', detail: e.message });
    throw e;
  }
  // The plan is on record before anything changes in AWS, so an interruption at any point can be resumed.
  const recorded = await audited(deps, { ...entry, result: 'ok', detail: `replace ${oldName} with ${spec.fargateProfileName}: create, wait for ACTIVE, delete ${oldName}` });
  if ('error' in recorded) throw new ProfileWriteError(503, { error: 'The replace plan could not be recorded, so nothing was changed', detail: recorded.error, source: 'store' });
  const state: PlanState = { plan, steps: [], created: false, outcome: null, lastError: null };
  try {
    await sendCreate(source, spec, plan.id);
  } catch (e) {
    await step(deps, plan, 'created', 'error', (e as Error).message);
    await end(deps, state, 'failed', `creating ${spec.fargateProfileName} failed: ${(e as Error).message}`);
    throw e;
  }
  state.created = true;
  state.steps.push('created');
  await step(deps, plan, 'created', 'ok', `CreateFargateProfile ${spec.fargateProfileName} accepted`);
  await refreshSoon(source);
  const done = run(source, state, deps);
  return { state: { ...state, running: true }, done };
}

/** Picks up a pending replace (after a restart, or after it stopped waiting) where EKS says it is. */
export async function resumeReplace(source: WriteSource, planId: string, actor: Actor, deps: WriteDeps = {}): Promise<{ state: ReplaceState; done: Promise<PlanState> }> {
  const reg = registry();
  const state = (await pendingReplacePlans(source.context, deps)).find((s) => s.plan.id === planId);
  if (!state) throw new ProfileWriteError(404, { error: 'No pending replace with this id', detail: `Plan ${planId} is finished or unknown in context ${source.context}.`, source: 'store' });
  const running = reg.running.get(planId);
  if (running) return { state: { ...state, running: true }, done: running };
  await step(deps, state.plan, 'resumed', 'ok', `resumed by ${actor.name}`);
  const done = run(source, state, deps);
  return { state: { ...state, running: true }, done };
}

/** Gives up a pending replace without touching AWS (the profiles stay as they are). */
export async function abandonReplace(source: WriteSource, planId: string, actor: Actor, deps: WriteDeps = {}): Promise<PlanState> {
  if (registry().running.has(planId)) {
    throw new ProfileWriteError(409, { error: 'The replace is running', detail: 'Wait until it ends or stops before abandoning it.', source: 'request' });
  }
  const state = (await pendingReplacePlans(source.context, deps)).find((s) => s.plan.id === planId);
  if (!state) throw new ProfileWriteError(404, { error: 'No pending replace with this id', detail: `Plan ${planId} is finished or unknown.`, source: 'store' });
  await end(deps, state, 'abandoned', `abandoned by ${actor.name}; the profiles are left as EKS shows them`);
  return state;
}

/** A replace plan with its recorded steps, and whether it runs in this process now. */
export async function replaceState(source: WriteSource, planId: string, deps: WriteDeps = {}): Promise<ReplaceState | null> {
  const s = replacePlans(await scanAudit(deps), { context: source.context }).find((x) => x.plan.id === planId);
  return s ? { ...s, running: registry().running.has(planId) } : null;
}

// ---------------------------------------------------------------------------------------------- restart

export interface RestartResult {
  profile: string;
  results: { namespace: string; name: string; ok: boolean; detail: string }[];
  plan: RestartPlan;
}

function deploymentList(body: unknown): { namespace: string; name: string }[] {
  const d = typeof body === 'object' && body !== null ? (body as { deployments?: unknown }).deployments : undefined;
  if (!Array.isArray(d) || d.length === 0 || d.length > 200) {
    throw new ProfileWriteError(400, { error: 'Say which Deployments to restart', detail: 'Send {deployments: [{namespace, name}, …]} (1 to 200), as confirmed in the dialog.', source: 'request' });
  }
  return d.map((x, i) => {
    const ns = (x as { namespace?: unknown })?.namespace;
    const name = (x as { name?: unknown })?.name;
    if (typeof ns !== 'string' || typeof name !== 'string' || !ns || !name) {
      throw new ProfileWriteError(400, { error: 'Say which Deployments to restart', detail: `Entry ${i + 1} needs a namespace and a name.`, source: 'request' });
    }
    return { namespace: ns, name };
  });
}

/**
 * Rollout-restarts the confirmed Deployments whose pods `profile` captures now (each must be in the server's own
 * restart plan: the client's list is checked, never trusted), by stamping kubectl.kubernetes.io/restartedAt.
 */
export async function restartWorkloads(source: WriteSource, profile: string, body: unknown, actor: Actor, deps: WriteDeps = {}): Promise<RestartResult> {
  const wanted = deploymentList(body);
  const plan = restartPlan(source.snapshot().view, profile);
  const base = { actor: actor.name, action: 'deployment.restart', context: source.context };
  try {
    if (plan.blocked) throw new ProfileWriteError(409, { error: 'Nothing can move onto this profile yet', detail: plan.blocked, source: 'eks' });
    const allowed = new Set(plan.targets.map((t) => `${t.namespace}/${t.name}`));
    const stray = wanted.filter((w) => !allowed.has(`${w.namespace}/${w.name}`));
    if (stray.length) {
      throw new ProfileWriteError(409, {
        error: `Not a Deployment that profile ${profile} captures`,
        detail: `${stray.map((s) => `${s.namespace}/${s.name}`).join(', ')}: its pods would not land on ${profile} (or Fargate would refuse them). Nothing was restarted.`,
        source: 'request',
      });
    }
    if (!source.kc) throw new ProfileWriteError(503, { error: 'The kubeconfig of this context is unusable', source: 'kubeconfig' });
    await requireAudit(deps);
  } catch (e) {
    if (e instanceof ProfileWriteError) await audited(deps, { ...base, target: `${source.context}/fargate-profile/${profile}`, request: { profile, deployments: wanted }, result: 'error', detail: e.message });
    throw e;
  }
  const kc = source.kc as KubeConfig;
  const at = nowOf(deps).toISOString();
  const results: RestartResult['results'] = [];
  for (const w of wanted) {
    const path = `/apis/apps/v1/namespaces/${encodeURIComponent(w.namespace)}/deployments/${encodeURIComponent(w.name)}`;
    let ok = false;
    let detail: string;
    try {
      const res = await kubeRequest(kc, path, { method: 'PATCH', body: JSON.stringify(restartPatch(at)), contentType: 'application/merge-patch+json', timeoutMs: 15_000 });
      ok = res.status >= 200 && res.status < 300;
      detail = ok ? `restartedAt ${at}` : statusMessage(res).message;
    } catch (e) {
      detail = (e as Error).message;
    }
    results.push({ namespace: w.namespace, name: w.name, ok, detail });
    await audited(deps, {
      ...base,
      target: `${source.context}/deployment/${w.namespace}/${w.name}`,
      request: { profile, restartedAt: at },
      result: ok ? 'ok' : 'error',
      detail: ok ? `rollout restart to move its pods onto Fargate profile ${profile}` : detail,
    });
  }
  return { profile, results, plan };
}
