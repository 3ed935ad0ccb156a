/**
 * The keyboard map, as data. One registry drives the key handlers, the footer, the `?` help overlay
 * and the tests. Keys are KeyboardEvent.key values; "Shift+A–Z" stands for the sort letters.
 */

/** Where a binding works. Global bindings work everywhere except while typing in a field. */
export type KeyScope = 'global' | 'table' | 'detail';

export type ActionId =
  | 'command'
  | 'filter'
  | 'help'
  | 'theme'
  | 'back'
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'open'
  | 'allNamespaces'
  | 'wide'
  | 'yaml'
  | 'copy'
  | 'sort'
  | 'newProfile';

export interface KeyBinding {
  /** KeyboardEvent.key values, or the pseudo-key SORT_KEYS. */
  keys: readonly string[];
  description: string;
  scope: KeyScope;
  action: ActionId;
  /** Short label for the footer (a button that does what the key does); bindings without one appear only in help. */
  footer?: string;
  /** The screen whose footer shows it, when it works on one screen only. */
  footerOn?: 'profiles';
}

/**
 * The visible control of each binding the footer does not carry, for the mouse. Every binding has one: the footer
 * (as a button), or this (checked by components/cluster/chrome.test.tsx over the registry).
 */
export const POINTER_CONTROLS: Partial<Record<ActionId, string>> = {
  down: 'a click on a row selects it; the list scrolls',
  up: 'a click on a row selects it; the list scrolls',
  pageDown: 'the list scrolls',
  pageUp: 'the list scrolls',
  top: 'the list scrolls',
  bottom: 'the list scrolls',
};

/** The pseudo-key of the sort binding: Shift with the letter shown in a column header. */
export const SORT_KEYS = 'Shift+A–Z';

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: [':'], description: 'command bar: po, no, svc, fp, ng, ns, ev, ctx, cost, whatif, audit, reports', scope: 'global', action: 'command', footer: 'command' },
  { keys: ['?'], description: 'this help', scope: 'global', action: 'help', footer: 'help' },
  { keys: ['t'], description: 'toggle dark / light theme', scope: 'global', action: 'theme' },
  { keys: ['/'], description: 'filter: words, ! negates, -l key=value label selector', scope: 'table', action: 'filter', footer: 'filter' },
  { keys: ['j', 'ArrowDown'], description: 'move down', scope: 'table', action: 'down' },
  { keys: ['k', 'ArrowUp'], description: 'move up', scope: 'table', action: 'up' },
  { keys: ['PageDown'], description: 'page down', scope: 'table', action: 'pageDown' },
  { keys: ['PageUp'], description: 'page up', scope: 'table', action: 'pageUp' },
  { keys: ['g', 'Home'], description: 'first row', scope: 'table', action: 'top' },
  { keys: ['G', 'End'], description: 'last row', scope: 'table', action: 'bottom' },
  { keys: ['Enter', 'd'], description: 'describe the selection (namespaces: show their pods)', scope: 'table', action: 'open', footer: 'describe' },
  { keys: ['Escape'], description: 'clear the filter', scope: 'table', action: 'back', footer: 'clear' },
  { keys: ['0'], description: 'all namespaces', scope: 'table', action: 'allNamespaces', footer: 'all ns' },
  { keys: ['w'], description: 'wide columns', scope: 'table', action: 'wide', footer: 'wide' },
  { keys: ['y'], description: 'YAML of the selection', scope: 'table', action: 'yaml', footer: 'yaml' },
  { keys: ['c'], description: 'copy the name (services: the endpoint)', scope: 'table', action: 'copy', footer: 'copy' },
  { keys: [SORT_KEYS], description: 'sort by the column whose header shows that letter; again to reverse', scope: 'table', action: 'sort', footer: 'sort' },
  { keys: ['n'], description: 'new Fargate profile (on the profiles list, :fp)', scope: 'table', action: 'newProfile', footer: 'new profile', footerOn: 'profiles' },
  { keys: ['Escape'], description: 'back to the list', scope: 'detail', action: 'back', footer: 'back' },
  { keys: ['y'], description: 'YAML / details', scope: 'detail', action: 'yaml', footer: 'yaml' },
  { keys: ['c'], description: 'copy the name (services: the endpoint)', scope: 'detail', action: 'copy', footer: 'copy' },
];

export interface KeyEventLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export interface ResolvedKey {
  action: ActionId;
  /** The sort letter, for `sort`. */
  letter?: string;
  binding: KeyBinding;
}

/** The bindings active in a screen scope: its own first, then the global ones. */
export function bindingsFor(scope: Exclude<KeyScope, 'global'>): KeyBinding[] {
  return KEY_BINDINGS.filter((b) => b.scope === scope).concat(KEY_BINDINGS.filter((b) => b.scope === 'global'));
}

/**
 * The action a key press triggers in `scope`, or null. Presses with Ctrl, Alt or Meta never match, so
 * browser and OS shortcuts (Ctrl+C, Ctrl+L…) keep working.
 */
export function resolveKey(ev: KeyEventLike, scope: Exclude<KeyScope, 'global'>): ResolvedKey | null {
  if (ev.ctrlKey || ev.altKey || ev.metaKey) return null;
  const active = bindingsFor(scope);
  for (const b of active) {
    if (b.keys.includes(ev.key)) return { action: b.action, binding: b };
  }
  if (ev.shiftKey && /^[A-Z]$/.test(ev.key)) {
    const sort = active.find((b) => b.action === 'sort');
    if (sort) return { action: 'sort', letter: ev.key, binding: sort };
  }
  return null;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
}

/** True when key presses on `target` are typing (inputs, text areas, editable content): no shortcut fires. */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target.getAttribute?.('type') ?? 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  const role = target.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  Enter: 'enter',
  Escape: 'esc',
  PageDown: 'pgdn',
  PageUp: 'pgup',
  Home: 'home',
  End: 'end',
};

/** How a key is written in the footer and help: "j", "↓", "esc", "Shift+A–Z". */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** What a K9s key Farview does not have would act on: the selected pod, when there is one. */
export interface UnsupportedTarget {
  namespace: string;
  name: string;
}

const K9S_ONLY: { key: string; ctrl?: boolean; what: string; instead: (t: string) => string }[] = [
  { key: 'l', what: 'logs', instead: (t) => `kubectl logs -f ${t}` },
  { key: 'p', what: 'previous logs', instead: (t) => `kubectl logs --previous ${t}` },
  { key: 's', what: 'shell', instead: (t) => `kubectl exec -it ${t} -- sh` },
  { key: 'e', what: 'edit', instead: (t) => `kubectl edit pod ${t}` },
  { key: 'd', ctrl: true, what: 'delete', instead: (t) => `kubectl delete pod ${t}` },
  { key: 'k', ctrl: true, what: 'kill', instead: (t) => `kubectl delete pod --grace-period=0 --force ${t}` },
];

/**
 * For a K9s key Farview does not have (logs, shell, edit, delete, kill), what to say instead of doing nothing: that
 * Farview does not do it, and the kubectl command that does, for the selected pod when there is one. Null for
 * other keys.
 */
export function unsupportedKey(ev: KeyEventLike, pod: UnsupportedTarget | null): string | null {
  if (ev.altKey || ev.metaKey || ev.shiftKey) return null;
  const k = K9S_ONLY.find((x) => x.key === ev.key && !!x.ctrl === !!ev.ctrlKey);
  if (!k) return null;
  const label = `${k.ctrl ? 'ctrl-' : ''}${k.key}`;
  const target = pod ? `${pod.name} -n ${pod.namespace}` : 'POD -n NAMESPACE';
  return `${label} (${k.what}) is not in Farview yet: ${k.instead(target)}`;
}
