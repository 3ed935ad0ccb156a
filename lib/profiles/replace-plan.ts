/**
 * Replacing a Fargate profile. Profiles are immutable ("create a new updated profile … then delete the
 * original", CreateFargateProfile API), so a replace is a plan of three steps: create the new profile, wait
 * until it is ACTIVE, delete the old one. The old one is deleted only after the new one can take its pods.
 *
 * The plan is written to the audit log when it starts, after each step and when it ends, so an interrupted
 * replace (a restart of the server, a lost connection) can be found again and resumed: the next step is
 * always decided from what EKS shows now, never from memory.
 */
import type { ProfileSpec } from './form';

/** Audit actions of a replace. */
export const REPLACE_ACTIONS = {
  start: 'fargate-profile.replace',
  step: 'fargate-profile.replace.step',
  end: 'fargate-profile.replace.end',
} as const;

export interface ReplacePlan {
  id: string;
  context: string;
  oldName: string;
  /** The new profile. */
  spec: ProfileSpec;
  actor: string;
  /** ISO 8601. */
  startedAt: string;
}

export type ReplaceOutcome = 'done' | 'failed' | 'abandoned';

/** What EKS shows of one profile (null: it does not exist). */
export type ObservedProfile = { status: string; healthIssues: { code: string; message: string }[] } | null;

export type ReplaceStep =
  | { kind: 'create' }
  | { kind: 'wait'; reason: string }
  | { kind: 'delete-old' }
  | { kind: 'done' }
  | { kind: 'fail'; reason: string };

/**
 * The next step of a replace, from what EKS shows of the old and the new profile now.
 * @param created whether this plan already created the new profile (so its absence means it vanished)
 */
export function nextReplaceStep(plan: Pick<ReplacePlan, 'oldName' | 'spec'>, old: ObservedProfile, next: ObservedProfile, created: boolean): ReplaceStep {
  const newName = plan.spec.fargateProfileName;
  if (!next) {
    if (created && !old) return { kind: 'fail', reason: `the new profile ${newName} and the old profile ${plan.oldName} are both gone` };
    if (created) return { kind: 'fail', reason: `the new profile ${newName} was created but no longer exists; the old profile ${plan.oldName} is kept` };
    return { kind: 'create' };
  }
  switch (next.status) {
    case 'CREATING':
      return { kind: 'wait', reason: `${newName} is CREATING` };
    case 'CREATE_FAILED': {
      const why = next.healthIssues.map((h) => `${h.code}: ${h.message}`).join('; ');
      return { kind: 'fail', reason: `creating ${newName} failed${why ? ` (${why})` : ''}; the old profile ${plan.oldName} is kept` };
    }
    case 'ACTIVE':
      break;
    default:
      return { kind: 'fail', reason: `the new profile ${newName} is ${next.status}, not ACTIVE; the old profile ${plan.oldName} is left alone` };
  }
  if (!old) return { kind: 'done' };
  if (old.status === 'DELETING') return { kind: 'wait', reason: `${plan.oldName} is DELETING` };
  if (old.status === 'DELETE_FAILED') return { kind: 'fail', reason: `deleting ${plan.oldName} failed; ${newName} is ACTIVE` };
  if (old.status === 'CREATING') return { kind: 'wait', reason: `${plan.oldName} is still CREATING` };
  return { kind: 'delete-old' };
}

/** The part of an audit entry a plan is rebuilt from. */
export interface AuditLike {
  id: number;
  at: string;
  action: string;
  context: string;
  request: unknown;
  result: 'ok' | 'error';
  detail: string | null;
}

export interface PlanState {
  plan: ReplacePlan;
  /** Steps recorded so far, oldest first ("created", "deleted-old", …). */
  steps: string[];
  created: boolean;
  outcome: ReplaceOutcome | null;
  /** The last error recorded by a step, if any. */
  lastError: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function planOf(request: unknown): ReplacePlan | null {
  if (!isRecord(request) || !isRecord(request.plan)) return null;
  const p = request.plan;
  const spec = p.spec;
  if (typeof p.id !== 'string' || typeof p.oldName !== 'string' || typeof p.context !== 'string' || !isRecord(spec)) return null;
  if (typeof spec.fargateProfileName !== 'string') return null;
  return p as unknown as ReplacePlan;
}

/**
 * Replace plans rebuilt from audit entries (any order), newest first. `pending` keeps only the plans that
 * never ended; `context` keeps only one cluster's.
 */
export function replacePlans(entries: readonly AuditLike[], opts: { context?: string; pending?: boolean } = {}): PlanState[] {
  const states = new Map<string, PlanState & { at: string }>();
  const sorted = [...entries].sort((a, b) => a.id - b.id);
  for (const e of sorted) {
    if (e.action === REPLACE_ACTIONS.start && e.result === 'ok') {
      const plan = planOf(e.request);
      if (plan) states.set(plan.id, { plan, steps: [], created: false, outcome: null, lastError: null, at: e.at });
      continue;
    }
    if (!isRecord(e.request) || typeof e.request.planId !== 'string') continue;
    const s = states.get(e.request.planId);
    if (!s) continue;
    if (e.action === REPLACE_ACTIONS.step && typeof e.request.step === 'string') {
      s.steps.push(e.request.step);
      if (e.request.step === 'created' && e.result === 'ok') s.created = true;
      if (e.result === 'error') s.lastError = e.detail;
    } else if (e.action === REPLACE_ACTIONS.end) {
      const o = e.request.outcome;
      s.outcome = o === 'done' || o === 'failed' || o === 'abandoned' ? o : 'failed';
      if (e.result === 'error') s.lastError = e.detail;
    }
  }
  return [...states.values()]
    .filter((s) => (opts.context === undefined || s.plan.context === opts.context) && (!opts.pending || s.outcome === null))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map(({ at: _at, ...rest }) => {
      void _at;
      return rest;
    });
}
