/**
 * The `:` command bar: K9s-style aliases that switch screens, scope a namespace, switch context or open
 * the other Farview pages.
 *   :po                 pods            :po test3-mixed     pods in that namespace
 *   :po all             pods, all namespaces                :po /fargate   pods filtered
 *   :ctx eksworkshop    switch context  :cost :whatif :audit :reports    the other pages
 */
import { PLAIN_KINDS } from '../view/kinds';
import { VIEWS, type ViewId } from './views';

export type PageId = 'cost' | 'whatif' | 'audit' | 'reports';

export type CommandTarget =
  | { kind: 'view'; view: ViewId; ns?: string | null; q?: string }
  | { kind: 'context'; name: string }
  | { kind: 'page'; page: PageId };

export interface CommandSpec {
  /** The name shown in help and completion. */
  name: string;
  aliases: readonly string[];
  description: string;
  /** What the argument is, for completion: namespaces, contexts or nothing. */
  arg: 'namespace' | 'context' | null;
  /** Completed only once a letter is typed, so the first list stays the core screens and pages. */
  listed?: boolean;
}

type CoreViewId = 'pods' | 'nodes' | 'services' | 'profiles' | 'nodepools' | 'namespaces' | 'events';

const VIEW_ALIASES: Record<ViewId, readonly string[]> = {
  pods: ['po', 'pod', 'pods'],
  nodes: ['no', 'node', 'nodes'],
  services: ['svc', 'service', 'services'],
  profiles: ['fp', 'fargateprofile', 'fargateprofiles', 'profile', 'profiles'],
  // `:ng` and `:nodegroups` keep working: node groups are one kind of node pool.
  nodepools: ['np', 'nodepool', 'nodepools', 'ng', 'nodegroup', 'nodegroups'],
  namespaces: ['ns', 'namespace', 'namespaces'],
  events: ['ev', 'event', 'events'],
  ...(Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.plain.screen.aliases])) as Record<Exclude<ViewId, CoreViewId>, readonly string[]>),
};

const PLAIN_VIEWS = new Set<string>(PLAIN_KINDS.map((k) => k.resource));

const PAGES: { page: PageId; aliases: readonly string[]; description: string }[] = [
  { page: 'cost', aliases: ['cost', 'costs'], description: 'cost by namespace, workload and profile' },
  { page: 'whatif', aliases: ['whatif', 'wi'], description: 'paste a manifest: where it lands, what it costs' },
  { page: 'audit', aliases: ['audit'], description: 'the audit log of changes made from Farview' },
  { page: 'reports', aliases: ['reports', 'report'], description: 'shared cost reports' },
];

/** Every command, for help and completion. */
export const COMMANDS: readonly CommandSpec[] = [
  ...VIEWS.map((v) => ({
    name: v.command,
    aliases: VIEW_ALIASES[v.id],
    description: v.namespaced ? `${v.title} [namespace|all] [/filter]` : v.id === 'namespaces' ? `${v.title}` : `${v.title} [/filter]`,
    arg: v.namespaced ? ('namespace' as const) : null,
    listed: PLAIN_VIEWS.has(v.id),
  })),
  { name: 'ctx', aliases: ['ctx', 'context', 'contexts'], description: 'switch kube context: ctx <name>', arg: 'context' },
  ...PAGES.map((p) => ({ name: p.page, aliases: p.aliases, description: p.description, arg: null })),
];

const ALL_NS = new Set(['all', '-A', '--all-namespaces', '*']);

/** Parse a command (with or without the leading ":"). */
export function parseCommand(input: string): { ok: true; target: CommandTarget } | { ok: false; error: string } {
  const text = input.trim().replace(/^:/, '').trim();
  if (!text) return { ok: false, error: 'type a command, e.g. po, svc, fp, ns, ctx — Tab completes' };
  const [word, ...rest] = text.split(/\s+/);
  const verb = word.toLowerCase();

  for (const v of VIEWS) {
    if (!VIEW_ALIASES[v.id].includes(verb)) continue;
    const target: CommandTarget = { kind: 'view', view: v.id };
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (arg.startsWith('/')) {
        // Everything after "/" is the filter, spaces included.
        target.q = [arg.slice(1), ...rest.slice(i + 1)].join(' ').trim();
        break;
      }
      if (!v.namespaced) return { ok: false, error: `${v.title.toLowerCase()} are not namespaced: "${arg}" is not understood (use /text to filter)` };
      if (target.ns !== undefined) return { ok: false, error: `one namespace at a time: "${target.ns}" and "${arg}"` };
      target.ns = ALL_NS.has(arg) ? null : arg;
    }
    return { ok: true, target };
  }

  if (['ctx', 'context', 'contexts'].includes(verb)) {
    if (rest.length === 0) return { ok: false, error: 'name a context: ctx <name> (Tab completes)' };
    if (rest.length > 1) return { ok: false, error: `ctx takes one context name, got "${rest.join(' ')}"` };
    return { ok: true, target: { kind: 'context', name: rest[0] } };
  }

  for (const p of PAGES) {
    if (p.aliases.includes(verb)) {
      if (rest.length) return { ok: false, error: `${p.page} takes no arguments, got "${rest.join(' ')}"` };
      return { ok: true, target: { kind: 'page', page: p.page } };
    }
  }

  return { ok: false, error: `unknown command "${word}": try po, no, svc, fp, ng, ns, ev, ctx, cost, whatif, audit, reports` };
}

export interface Completion {
  /** The full command text the suggestion completes to. */
  value: string;
  /** What it does. */
  hint: string;
}

/**
 * Suggestions for a partly typed command: command names first, then (after a space) namespaces or
 * contexts that start with what was typed. At most `limit` results.
 */
export function completeCommand(
  input: string,
  known: { namespaces: readonly string[]; contexts: readonly string[] },
  limit = 8,
): Completion[] {
  const text = input.replace(/^:/, '').trimStart();
  const space = text.search(/\s/);
  if (space === -1) {
    const prefix = text.toLowerCase();
    const out: Completion[] = [];
    for (const c of COMMANDS) {
      if (c.listed && prefix === '') continue;
      const alias = c.aliases.find((a) => a.startsWith(prefix));
      if (alias === undefined) continue;
      // The short name, unless only a longer alias matches what was typed ("serv" → "service").
      out.push({ value: c.name.startsWith(prefix) ? c.name : alias, hint: c.description });
    }
    return out.slice(0, limit);
  }
  const verb = text.slice(0, space).toLowerCase();
  const argPrefix = text.slice(space).trim();
  const spec = COMMANDS.find((c) => c.aliases.includes(verb));
  if (!spec || !spec.arg || argPrefix.startsWith('/') || argPrefix.includes(' ')) return [];
  const pool = spec.arg === 'namespace' ? ['all', ...known.namespaces] : known.contexts;
  return pool
    .filter((name) => name.startsWith(argPrefix))
    .slice(0, limit)
    .map((name) => ({ value: `${verb} ${name}`, hint: spec.arg === 'namespace' ? (name === 'all' ? 'all namespaces' : 'namespace') : 'context' }));
}
