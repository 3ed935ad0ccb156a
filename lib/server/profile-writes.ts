import 'server-only';
/**
 * Fargate profile writes against a live cluster: create, delete and replace (create → ACTIVE → delete the
 * old one, resumable from the audit log). Every write is validated again here with the same rules as the
 * browser, goes through the EKS gateway (./aws/eks) with the clients of the context's ClusterSource, is
 * followed by refreshAws() so the live view shows the new status at once, and is recorded in the audit log
 * with who, what and how it went. The form's options and preview are in profile-form.ts, the rollout restart
 * in profile-restart.ts.
 *
 * Errors are thrown as ProfileWriteError carrying the HTTP status and the {error, detail, source} body.
 */
import { randomUUID } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { RegionPrices } from '../fargate/types';
import type { ProfileOp } from '../profiles/eks-errors';
import { toProfileSpec, type ProfileForm, type ProfileSpec } from '../profiles/form';
import { readProfileForm } from '../profiles/parse';
import { previewDelete, type DeletePreview } from '../profiles/preview';
import { nextReplaceStep, REPLACE_ACTIONS, replacePlans, type ObservedProfile, type PlanState, type ReplacePlan } from '../profiles/replace-plan';
import { subnetChoices, type SubnetChoice, type SubnetFact } from '../profiles/subnets';
import { hasErrors, validateProfileForm, type ValidationContext, type ValidationIssue } from '../profiles/validate';
import { listAudit, recordAudit, type AuditEntry, type AuditInput } from '../store/audit';
import type { KubePod } from '../view/kube';
import type { ApiError, ClusterView } from '../view/model';
import type { AwsClients } from './aws';
import { fetchSubnets } from './aws/ec2';
import { createFargateProfile, deleteFargateProfile, describeCluster, describeFargateProfile, listFargateProfileNames } from './aws/eks';
import { eksWriteFailure } from './aws/errors';
import type { Actor } from './write-guard';

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

function auditOf(deps: WriteDeps): AuditLog {
  return deps.audit ?? storeAuditLog;
}

/** The moment a write happens (deps.now in tests). */
export function nowOf(deps: WriteDeps): Date {
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
  const f = eksWriteFailure(op, e);
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

/** Records an audit entry; a failure is logged and returned, never thrown (the write has happened). */
export async function audited(deps: WriteDeps, e: AuditInput): Promise<{ id: number } | { error: string }> {
  try {
    return await auditOf(deps).record(e);
  } catch (err) {
    console.error('farview: could not record an audit entry:', err);
    return { error: (err as Error).message };
  }
}

/** Refuses to write when the audit log cannot be written: a change nobody can trace is worse than none. */
export async function requireAudit(deps: WriteDeps): Promise<void> {
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

/** The subnets of the cluster's VPC, each with whether it is public, through which igw-, and whether the cluster uses it. */
async function subnetFacts(clients: AwsClients, clusterName: string): Promise<SubnetFact[]> {
  const { cluster, subnetIds } = await describeCluster(clients.eks, clusterName);
  const inCluster = new Set(subnetIds);
  const subnets = await fetchSubnets(clients.ec2, cluster?.vpcId ?? null, subnetIds);
  return subnets.map((s) => ({ id: s.id, zone: s.zone, cidr: s.cidr, public: s.public, internetGatewayId: s.internetGatewayId, inCluster: inCluster.has(s.id) }));
}

const subnetCache = new WeakMap<WriteSource, { at: number; choices: SubnetChoice[] }>();

/** The subnets on offer (cached for 30 s per source unless `fresh`), or why they could not be read. */
export async function subnetOptions(source: WriteSource, fresh = false): Promise<{ subnets: SubnetChoice[] | null; error: string | null }> {
  const hit = subnetCache.get(source);
  if (!fresh && hit && Date.now() - hit.at < SUBNET_CACHE_MS) return { subnets: hit.choices, error: null };
  try {
    const { clients, clusterName } = await clientsOf(source);
    const choices = subnetChoices(await subnetFacts(clients, clusterName));
    subnetCache.set(source, { at: Date.now(), choices });
    return { subnets: choices, error: null };
  } catch (e) {
    return { subnets: null, error: e instanceof ProfileWriteError ? e.message : `cannot list the VPC's subnets: ${(e as Error).message}` };
  }
}

/** The form in a request body, or a 400 saying what cannot be read. */
export function readForm(body: unknown): ProfileForm {
  const r = readProfileForm(body);
  if (!r.ok) throw new ProfileWriteError(400, { error: 'The profile could not be read', detail: r.issues[0].message, source: 'request', issues: r.issues });
  return r.value;
}

/** Validates against what EKS shows right now (a fresh list of profiles, not the last poll), throwing 400 with every issue. */
async function validateFresh(source: WriteSource, form: ProfileForm, replacing: string | null): Promise<ValidationIssue[]> {
  const { clients, clusterName } = await clientsOf(source);
  const { view } = source.snapshot();
  let profiles: ValidationContext['profiles'] = view.profiles;
  try {
    const names = await listFargateProfileNames(clients.eks, clusterName, 10);
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
    return await createFargateProfile(clients.eks, clusterName, spec, token);
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
    const p = await describeFargateProfile(clients.eks, clusterName, name);
    return p ? { status: p.status, healthIssues: p.healthIssues } : null;
  } catch (e) {
    throw sdkError('describe', e);
  }
}

async function sendDelete(source: WriteSource, name: string): Promise<string> {
  const { clients, clusterName } = await clientsOf(source);
  try {
    return await deleteFargateProfile(clients.eks, clusterName, name);
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
