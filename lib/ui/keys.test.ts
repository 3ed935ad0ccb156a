import { describe, expect, it } from 'vitest';
import { bindingsFor, isTypingTarget, KEY_BINDINGS, keyLabel, resolveKey, SORT_KEYS, unsupportedKey } from './keys';

describe('resolveKey', () => {
  it('maps the documented keys to their actions in the list', () => {
    const table: [string, string][] = [
      [':', 'command'],
      ['/', 'filter'],
      ['j', 'down'],
      ['ArrowDown', 'down'],
      ['k', 'up'],
      ['ArrowUp', 'up'],
      ['g', 'top'],
      ['G', 'bottom'],
      ['Enter', 'open'],
      ['Escape', 'back'],
      ['0', 'allNamespaces'],
      ['w', 'wide'],
      ['y', 'yaml'],
      ['c', 'copy'],
      ['?', 'help'],
      ['t', 'theme'],
    ];
    for (const [key, action] of table) expect(resolveKey({ key, shiftKey: key === 'G' || key === '?' || key === ':' }, 'table')?.action, key).toBe(action);
  });

  it('sorts with Shift and a letter, except letters that are bindings themselves', () => {
    expect(resolveKey({ key: 'A', shiftKey: true }, 'table')).toMatchObject({ action: 'sort', letter: 'A' });
    expect(resolveKey({ key: 'G', shiftKey: true }, 'table')?.action).toBe('bottom');
    expect(resolveKey({ key: 'A', shiftKey: true }, 'detail')).toBeNull();
  });

  it('leaves Ctrl, Alt and Meta combinations to the browser', () => {
    expect(resolveKey({ key: 'c', ctrlKey: true }, 'table')).toBeNull();
    expect(resolveKey({ key: 'r', metaKey: true }, 'table')).toBeNull();
    expect(resolveKey({ key: 'j', altKey: true }, 'table')).toBeNull();
  });

  it('uses Escape to go back from a detail panel', () => {
    expect(resolveKey({ key: 'Escape' }, 'detail')?.binding.description).toMatch(/back/);
    expect(resolveKey({ key: 'j' }, 'detail')).toBeNull();
  });
});

describe('the registry', () => {
  it('binds each key once per scope', () => {
    for (const scope of ['table', 'detail'] as const) {
      const seen = new Map<string, string>();
      for (const b of bindingsFor(scope)) {
        for (const k of b.keys) {
          expect(seen.has(k), `${scope}: ${k} is bound to ${seen.get(k)} and ${b.action}`).toBe(false);
          seen.set(k, b.action);
        }
      }
    }
  });

  it('describes every binding and labels keys readably', () => {
    for (const b of KEY_BINDINGS) expect(b.description.length).toBeGreaterThan(3);
    expect(keyLabel('ArrowDown')).toBe('↓');
    expect(keyLabel('Escape')).toBe('esc');
    expect(keyLabel(SORT_KEYS)).toBe('Shift+A–Z');
  });
});

describe('isTypingTarget', () => {
  const el = (tagName: string, attrs: Record<string, string> = {}, isContentEditable = false) => ({
    tagName,
    isContentEditable,
    getAttribute: (n: string) => attrs[n] ?? null,
  });
  it('recognises fields where keys are text', () => {
    expect(isTypingTarget(el('INPUT'))).toBe(true);
    expect(isTypingTarget(el('input', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('DIV', {}, true))).toBe(true);
    expect(isTypingTarget(el('DIV', { role: 'combobox' }))).toBe(true);
  });
  it('lets shortcuts fire elsewhere', () => {
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(el('DIV', { role: 'grid' }))).toBe(false);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('K9s keys Farview does not have', () => {
  it('say so with the kubectl command, for the selected pod when there is one', () => {
    const pod = { namespace: 'test2-fargate', name: 'nginx-1' };
    expect(unsupportedKey({ key: 'l' }, pod)).toBe('l (logs) is not in Farview yet: kubectl logs -f nginx-1 -n test2-fargate');
    expect(unsupportedKey({ key: 'd', ctrlKey: true }, pod)).toBe('ctrl-d (delete) is not in Farview yet: kubectl delete pod nginx-1 -n test2-fargate');
    expect(unsupportedKey({ key: 's' }, null)).toBe('s (shell) is not in Farview yet: kubectl exec -it POD -n NAMESPACE -- sh');
    // Keys Farview has, or no K9s meaning, stay silent here; so do shifted letters (they sort).
    expect(unsupportedKey({ key: 'd' }, pod)).toBeNull();
    expect(unsupportedKey({ key: 'L', shiftKey: true }, pod)).toBeNull();
    expect(unsupportedKey({ key: 'c', ctrlKey: true }, pod)).toBeNull();
  });
});
