/**
 * The request and response bodies of our JSON routes, declared once: the routes type what they send with
 * them, and the browser types what it reads. Views of the cluster itself are in lib/view/model.ts.
 */
import type { CostQuery } from '../cost/types';
import type { EksctlCommand } from '../profiles/eksctl';
import type { LIMITS } from '../profiles/form';
import type { DeletePreview, ProfilePreview } from '../profiles/preview';
import type { PlanState } from '../profiles/replace-plan';
import type { RestartPlan } from '../profiles/restart';
import type { SubnetChoice } from '../profiles/subnets';
import type { ValidationIssue } from '../profiles/validate';
import type { ApiError, AuditEntry, ProfileView } from '../view/model';

/** Every error answer: ApiError, with the validation issues when a form was refused. */
export type ErrorBody = ApiError & { issues?: ValidationIssue[]; code?: string };

/** Whether writes are possible on this server and, if not, why. */
export interface WriteStatus {
  allowed: boolean;
  reason: string | null;
  auth: boolean;
}

/** GET /api/auth/session. */
export interface SessionInfo {
  /** Whether this server has sign-in on. */
  auth: boolean;
  /** Who the caller is (name "local" with role "local" when auth is off), or null when not signed in. */
  user: { name: string; role: 'editor' | 'viewer' | 'local'; via: 'local' | 'session' | 'token' | 'proxy' } | null;
  /** Whether sign-in takes tokens (a sign-in page makes sense) rather than a proxy's identity. */
  tokens: boolean;
}

/** GET /api/audit: one page, newest first; `next` is the `before` of the following page. */
export interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

/** POST /api/reports. */
export interface ShareRequest {
  context: string;
  query?: Partial<CostQuery>;
  title?: string;
}

/** POST /api/reports → 201. */
export interface ShareResponse {
  id: string;
  url: string;
  title: string;
  createdAt: string;
}

/** GET /api/c/[context]/profiles: what the profile form offers. */
export interface ProfileFormOptions {
  context: string;
  clusterName: string | null;
  region: string | null;
  writes: WriteStatus;
  profiles: { name: string; status: string }[];
  roles: string[];
  subnets: SubnetChoice[] | null;
  subnetsError: string | null;
  limits: typeof LIMITS;
  pendingReplaces: PlanState[];
  pendingReplacesError: string | null;
}

/** GET /api/c/[context]/profiles/[name]. */
export interface ProfileAnswer {
  profile: ProfileView;
  deleteImpact: DeletePreview;
  restart: RestartPlan;
  writes: WriteStatus;
  pendingReplaces: PlanState[];
}

/** POST /api/c/[context]/profiles/preview. */
export interface ProfilePreviewAnswer {
  issues: ValidationIssue[];
  preview: ProfilePreview | null;
  eksctl: EksctlCommand;
  yaml: string;
}

/** POST /api/c/[context]/profiles/[name]/restart-workloads. */
export interface RestartAnswer {
  profile: string;
  results: { namespace: string; name: string; ok: boolean; detail: string }[];
  plan: RestartPlan;
}

/** GET /api/c/[context]/profiles/[name]/replace?plan=: the plan and whether it runs now. */
export type ReplaceStateAnswer = PlanState & { running: boolean };
