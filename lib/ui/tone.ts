/**
 * Which colour a value gets. Tones map to theme variables (--ok, --warn, --err, --muted, --ec2,
 * --fargate, --pending), so components stay theme-free.
 */
import type { Placement, ServiceView, Severity } from '../view/model';

export type Tone = 'ok' | 'warn' | 'err' | 'muted' | 'plain' | 'ec2' | 'fargate' | 'pending';

const OK = new Set(['running', 'ready', 'active', 'succeeded', 'completed', 'healthy', 'normal']);
const WARN = new Set(['pending', 'containercreating', 'podinitializing', 'creating', 'updating', 'deleting', 'terminating', 'initial', 'draining', 'provisioning', 'warning', 'unknown']);
const ERR_WORDS = /(fail|error|backoff|notready|evicted|oomkilled|unhealthy|degraded|invalid|unavailable|crash)/;

/** Tone of a STATUS text: pod phase or reason, node readiness, profile or node group status, target health. */
export function statusTone(status: string): Tone {
  const s = status.toLowerCase().replace(/[\s_-]/g, '');
  if (ERR_WORDS.test(s)) return 'err';
  if (s.includes('schedulingdisabled')) return 'warn';
  if (OK.has(s)) return 'ok';
  if (WARN.has(s) || s.startsWith('init:')) return 'warn';
  return 'plain';
}

/** Tone of a placement badge. */
export function placementTone(p: Placement | 'other' | null): Tone {
  if (p === 'ec2') return 'ec2';
  if (p === 'fargate') return 'fargate';
  if (p === 'pending') return 'pending';
  return 'muted';
}

/** Tone of the TARGETS cell: all healthy, some not, or none known. */
export function targetsTone(s: Pick<ServiceView, 'targets' | 'healthyTargets'>): Tone {
  if (s.targets.length === 0) return 'muted';
  return s.healthyTargets === s.targets.length ? 'ok' : s.healthyTargets === 0 ? 'err' : 'warn';
}

/** Tone of a finding severity. */
export function severityTone(s: Severity | null): Tone {
  if (s === 'error') return 'err';
  if (s === 'warning') return 'warn';
  if (s === 'info') return 'muted';
  return 'plain';
}

/** Tailwind text-colour class of a tone. */
export const TONE_TEXT: Record<Tone, string> = {
  ok: 'text-ok',
  warn: 'text-warn',
  err: 'text-err',
  muted: 'text-muted',
  plain: '',
  ec2: 'text-ec2',
  fargate: 'text-fargate',
  pending: 'text-pending',
};
