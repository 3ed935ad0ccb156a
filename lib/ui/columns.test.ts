import { describe, expect, it } from 'vitest';
import { COLUMNS, billedText, columnForLetter, gridTemplate, ipSortKey, visibleColumns, worstSeverity, type Column } from './columns';
import { KEY_BINDINGS } from './keys';
import { eksworkshop, NOW } from './test-support/eksworkshop';
import { VIEWS, type AnyRow } from './views';

const view = eksworkshop();
const text = (columnId: string, row: AnyRow) => {
  const c = (COLUMNS.pods as readonly Column<AnyRow>[]).find((x) => x.id === columnId);
  if (!c) throw new Error(columnId);
  return c.text(row, NOW);
};

describe('pod columns', () => {
  const byName = (n: string) => {
    const p = view.pods.find((x) => x.name === n);
    if (!p) throw new Error(n);
    return p;
  };

  it('show test2-fargate pods as the seed describes them: 0.5 vCPU / 750M requested, billed 0.5vCPU 1GB', () => {
    const p = byName('nginx-fargate-pod-75fcf896d5-2qxz9');
    expect(text('place', p)).toBe('FARGATE');
    expect(text('profile', p)).toBe('test2-fargate');
    expect(text('requested', p)).toBe('500m / 750M');
    expect(text('billed', p)).toBe('0.5vCPU 1GB');
    // 0.5 × $0.05056 + 1 × $0.00553 (ap-southeast-1).
    expect(text('cost', p)).toBe('$0.0308');
    expect(text('node', p)).toBe('fargate-ip-172-31-55-250');
  });

  it('show test3-mixed Fargate pods billed 1vCPU 2GB and EC2 pods as a node share', () => {
    expect(text('billed', byName('nginx-mixed-fargate-747577644f-9lnlt'))).toBe('1vCPU 2GB');
    expect(text('requested', byName('nginx-mixed-fargate-747577644f-9lnlt'))).toBe('1 / 1750M');
    const ec2 = byName('nginx-mixed-ec2-5c68c7c8df-8fmng');
    expect(text('place', ec2)).toBe('EC2');
    expect(text('billed', ec2)).toBe('(node share)');
    expect(text('profile', ec2)).toBe('—');
  });

  it('mark a CapacityProvisioned annotation that disagrees with the engine', () => {
    const p = { ...byName('nginx-mixed-fargate-747577644f-9lnlt'), sizeAgrees: false };
    expect(text('annotation', p)).toBe('1vCPU 2GB ≠');
  });

  it('show the expected size of a pending pod a profile captured, in brackets', () => {
    const p = { ...byName('nginx-mixed-fargate-747577644f-9lnlt'), placement: 'pending' as const, billedSize: null };
    expect(billedText(p)).toBe('(1vCPU 2GB)');
  });

  it('age like kubectl', () => {
    expect(text('age', byName('nginx-mixed-fargate-747577644f-9lnlt'))).toBe('10h');
  });
});

describe('column specs', () => {
  it('give every sortable column a unique upper-case letter that no key binding uses', () => {
    const bound = new Set(KEY_BINDINGS.flatMap((b) => b.keys));
    for (const v of VIEWS) {
      const letters = COLUMNS[v.id].map((c) => c.sortLetter).filter((l): l is string => !!l);
      expect(new Set(letters).size, v.id).toBe(letters.length);
      for (const l of letters) {
        expect(l, `${v.id} ${l}`).toMatch(/^[A-Z]$/);
        expect(bound.has(l), `${v.id}: Shift+${l} is also a key binding`).toBe(false);
      }
    }
  });

  it('fit the default columns of every screen in a 1280-pixel window', () => {
    // 12 px monospace is about 7.3 px a character; 1280 px leaves ~170 ch after padding (1 ch per cell).
    for (const v of VIEWS) {
      const cols = visibleColumns(v.id, false);
      const total = cols.reduce((s, c) => s + c.width + 1, 0);
      expect(total, v.id).toBeLessThanOrEqual(172);
    }
  });

  it('hide wide-only columns until wide mode', () => {
    expect(visibleColumns('pods', false).map((c) => c.id)).not.toContain('owner');
    expect(visibleColumns('pods', true).map((c) => c.id)).toEqual(expect.arrayContaining(['owner', 'qos', 'zone', 'annotation', 'findings']));
  });

  it('look columns up by sort letter', () => {
    expect(columnForLetter('pods', 'a')?.id).toBe('age');
    expect(columnForLetter('services', 'D')?.id).toBe('endpoint');
    expect(columnForLetter('pods', 'G')).toBeUndefined();
  });
});

describe('helpers', () => {
  it('sort IPv4 addresses numerically', () => {
    expect(ipSortKey('172.31.9.2') < ipSortKey('172.31.10.1')).toBe(true);
    expect(ipSortKey('fe80::1')).toBe('fe80::1');
    expect(ipSortKey(null)).toBe('');
  });
  it('pick the worst severity', () => {
    expect(worstSeverity([])).toBeNull();
    expect(
      worstSeverity([
        { rule: 'a', severity: 'info', message: '' },
        { rule: 'b', severity: 'error', message: '' },
        { rule: 'c', severity: 'warning', message: '' },
      ]),
    ).toBe('error');
  });
});

describe('gridTemplate', () => {
  const cols = [{ width: 10 }, { width: 20, grow: 1 }, { width: 4 }];
  it('keeps fixed widths and lets growing columns take the rest when everything fits', () => {
    expect(gridTemplate(cols, 100)).toEqual({ template: '11ch minmax(21ch, 1fr) 5ch', minWidthCh: 37 });
    expect(gridTemplate(cols, null).template).toBe('11ch minmax(21ch, 1fr) 5ch');
  });
  it('shrinks columns in proportion when the window is too narrow: text to nine characters, figures to their header, badges and money not at all', () => {
    expect(gridTemplate(cols, 30)).toEqual({ template: 'minmax(9ch, 11fr) minmax(9ch, 21fr) minmax(5ch, 5fr)', minWidthCh: 23 });
    expect(gridTemplate([{ width: 9, kind: 'place' }, { width: 40 }], 20).template).toBe('minmax(10ch, 10fr) minmax(9ch, 41fr)');
    const figures = [{ width: 8, kind: 'money' as const }, { width: 8, align: 'right' as const, header: '%CPU/R' }, { width: 8, align: 'right' as const, header: 'PODS' }, { width: 40 }];
    expect(gridTemplate(figures, 20).template).toBe('minmax(9ch, 9fr) minmax(8ch, 9fr) minmax(6ch, 9fr) minmax(9ch, 41fr)');
  });
  it('fits the wide pods screen, usage columns and all, in a 1920-pixel window; at 1280 it scrolls inside the grid', () => {
    // 12 px DejaVu Sans Mono is about 7.2 px a character: 1920 pixels hold about 265 ch, 1280 about 176.
    const wide = visibleColumns('pods', true);
    expect(wide.map((c) => c.id)).toEqual(expect.arrayContaining(['cpuUse', 'memUse', 'cpuR', 'cpuL', 'memR', 'memL']));
    expect(gridTemplate(wide, 260).minWidthCh).toBeLessThanOrEqual(260);
    expect(gridTemplate(visibleColumns('pods', false), 176).minWidthCh).toBeLessThanOrEqual(176);
  });
});
