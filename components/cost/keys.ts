/**
 * The keys of the cost, what-if, profile-form and audit pages, as data (the same shape as lib/ui/keys.ts: one list drives
 * the handlers, the footer and the `?` help). Kept here until the registry grows page scopes.
 */
import { GROUP_BY_LABEL, GROUP_BYS } from '@/lib/cost/query';
import type { GroupBy, PlaceFilter } from '@/lib/cost/types';

export type PageAction =
  | { kind: 'by'; by: GroupBy }
  | { kind: 'place'; place: PlaceFilter }
  | { kind: 'share' }
  | { kind: 'csv' }
  | { kind: 'reports' }
  | { kind: 'whatif' }
  | { kind: 'cost' }
  | { kind: 'command' }
  | { kind: 'help' }
  | { kind: 'theme' }
  | { kind: 'back' };

export interface PageKey {
  keys: readonly string[];
  description: string;
  action: PageAction;
  /** Short label for the footer; keys without one are only in help. */
  footer?: string;
}

const BY_KEYS: PageKey[] = GROUP_BYS.map((by, i) => ({
  keys: [String(i + 1)],
  description: `group by ${GROUP_BY_LABEL[by].toLowerCase().replace('fargate', 'Fargate')}`,
  action: { kind: 'by', by },
  footer: i === 0 ? `1–${GROUP_BYS.length} group` : undefined,
}));

/** The keys every page has; `commands` and `back` say what the command bar offers and where Escape goes. */
function commonKeys(commands: string, back = 'back to the cluster screens'): PageKey[] {
  return [
    { keys: [':'], description: `command bar: ${commands}`, action: { kind: 'command' }, footer: 'command' },
    { keys: ['?'], description: 'this help', action: { kind: 'help' }, footer: 'help' },
    { keys: ['t'], description: 'toggle dark / light theme', action: { kind: 'theme' } },
    { keys: ['Escape'], description: back, action: { kind: 'back' }, footer: 'back' },
  ];
}

const COMMON = commonKeys('po, svc, fp, cost, whatif, reports, ctx…');
const PROFILE_COMMANDS = 'po, svc, fp, cost, whatif, audit, ctx…';

/** The profile form: Escape goes back only from outside a field. */
export const PROFILE_FORM_KEYS: readonly PageKey[] = commonKeys(PROFILE_COMMANDS, 'back to the cluster screens (outside a field)');

/** The audit log. */
export const AUDIT_KEYS: readonly PageKey[] = commonKeys(PROFILE_COMMANDS);

/** The cost page. */
export const COST_KEYS: readonly PageKey[] = [
  ...BY_KEYS,
  { keys: ['a'], description: 'both sides: EC2 and Fargate', action: { kind: 'place', place: 'all' } },
  { keys: ['e'], description: 'EC2 only (pods and idle capacity)', action: { kind: 'place', place: 'ec2' }, footer: 'a/e/f side' },
  { keys: ['f'], description: 'Fargate only', action: { kind: 'place', place: 'fargate' } },
  { keys: ['s'], description: 'share: freeze these figures into a report link', action: { kind: 'share' }, footer: 'share' },
  { keys: ['x'], description: 'download the rows as CSV', action: { kind: 'csv' }, footer: 'csv' },
  { keys: ['r'], description: 'saved reports', action: { kind: 'reports' }, footer: 'reports' },
  { keys: ['w'], description: 'what-if: paste a manifest', action: { kind: 'whatif' } },
  ...COMMON,
];

/** The what-if page (keys do not fire while typing in the manifest box; Ctrl+Enter sizes from there). */
export const WHATIF_KEYS: readonly PageKey[] = [
  { keys: ['$'], description: 'the cost view', action: { kind: 'cost' }, footer: 'cost' },
  { keys: ['r'], description: 'saved reports', action: { kind: 'reports' } },
  ...COMMON,
];

/** The binding a key press triggers, or null (Ctrl, Alt and Meta presses never match). */
export function resolvePageKey(keys: readonly PageKey[], ev: { key: string; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }): PageKey | null {
  if (ev.ctrlKey || ev.altKey || ev.metaKey) return null;
  return keys.find((k) => k.keys.includes(ev.key)) ?? null;
}
