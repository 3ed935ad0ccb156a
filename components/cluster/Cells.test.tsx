import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COLUMNS, type Column } from '@/lib/ui/columns';
import { eksworkshop } from '@/lib/ui/test-support/eksworkshop';
import type { AnyRow, ViewId } from '@/lib/ui/views';
import { cellContent, cellTone } from './Cells';

const view = eksworkshop();
const col = (v: ViewId, id: string) => {
  const c = (COLUMNS[v] as readonly Column<AnyRow>[]).find((x) => x.id === id);
  if (!c) throw new Error(`no column ${id}`);
  return c;
};
const html = (v: ViewId, id: string, row: AnyRow) => {
  const c = col(v, id);
  return renderToStaticMarkup(<>{cellContent(c, row, c.text(row, 0))}</>);
};

describe('cells', () => {
  const ec2Pod = view.pods.find((p) => p.placement === 'ec2');
  if (!ec2Pod) throw new Error('no EC2 pod');

  it('colour the cell itself, so a plain cell is its text alone', () => {
    expect(html('pods', 'name', ec2Pod)).toBe(ec2Pod.name);
    expect(cellTone(col('pods', 'status'), ec2Pod, 'Running')).toBe('text-ok');
    expect(cellTone(col('pods', 'status'), ec2Pod, 'CrashLoopBackOff')).toBe('text-err');
    // An empty value ("—") is muted, in text and money columns alike; a real amount is not.
    expect(cellTone(col('pods', 'profile'), ec2Pod, '—')).toBe('text-muted');
    expect(cellTone(col('pods', 'cost'), ec2Pod, '—')).toBe('text-muted');
    expect(cellTone(col('pods', 'cost'), ec2Pod, '$0.05')).toBe('');
    expect(cellTone(col('pods', 'name'), ec2Pod, ec2Pod.name)).toBe('');
  });

  it('draw placements as badges and load balancer hostnames as links', () => {
    expect(html('pods', 'place', ec2Pod)).toContain('>EC2</span>');
    expect(cellTone(col('pods', 'place'), ec2Pod, 'EC2')).toBe('');
    const svc = view.services[0];
    expect(html('services', 'endpoint', svc)).toContain(`href="http://${svc.hostname}"`);
    expect(cellTone(col('services', 'endpoint'), { ...svc, hostname: null }, '—')).toBe('text-muted');
  });
});
