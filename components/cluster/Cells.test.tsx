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
    const short = { ...ec2Pod, name: 'kube-proxy-1' };
    expect(html('pods', 'name', short)).toBe('kube-proxy-1');
    expect(cellTone(col('pods', 'status'), ec2Pod, 'Running')).toBe('text-ok');
    expect(cellTone(col('pods', 'status'), ec2Pod, 'CrashLoopBackOff')).toBe('text-err');
    // An empty value ("—") is muted, in text and money columns alike; a real amount is not.
    expect(cellTone(col('pods', 'profile'), ec2Pod, '—')).toBe('text-muted');
    expect(cellTone(col('pods', 'cost'), ec2Pod, '—')).toBe('text-muted');
    expect(cellTone(col('pods', 'cost'), ec2Pod, '$0.05')).toBe('');
    expect(cellTone(col('pods', 'name'), ec2Pod, ec2Pod.name)).toBe('');
  });

  it('cut long names in the middle, keeping the end that tells replicas apart', () => {
    const p = { ...ec2Pod, name: 'nginx-fargate-pod-75fcf896d5-2qxz9' };
    expect(html('pods', 'name', p)).toBe('<span class="flex min-w-0"><span class="truncate">nginx-fargate-pod-75fcf896d5</span><span class="shrink-0">-2qxz9</span></span>');
    // A node address keeps its last octets; a name without a short last segment its last six characters.
    const node = { ...ec2Pod, nodeName: 'fargate-ip-172-31-55-250.ap-southeast-1.compute.internal' };
    expect(html('pods', 'node', node)).toContain('<span class="shrink-0">-250</span>');
    expect(html('pods', 'name', { ...ec2Pod, name: 'averyveryverylongname' })).toContain('<span class="shrink-0">ngname</span>');
  });

  it('draw placements as badges and load balancer hostnames as links', () => {
    expect(html('pods', 'place', ec2Pod)).toContain('>EC2</span>');
    expect(cellTone(col('pods', 'place'), ec2Pod, 'EC2')).toBe('');
    const svc = view.services[0];
    expect(html('services', 'endpoint', svc)).toContain(`href="http://${svc.hostname}"`);
    expect(cellTone(col('services', 'endpoint'), { ...svc, hostname: null }, '—')).toBe('text-muted');
  });
});
