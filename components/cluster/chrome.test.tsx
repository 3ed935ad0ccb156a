import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bindingsFor, KEY_BINDINGS, keyLabel } from '@/lib/ui/keys';
import { eksworkshop } from '@/lib/ui/test-support/eksworkshop';
import { ClusterHeader } from './ClusterHeader';
import { HelpOverlay } from './HelpOverlay';
import { KeyFooter } from './KeyFooter';

const strip = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

describe('header', () => {
  it('shows the cluster, both sides of the mix, the pods and the cost', () => {
    const t = strip(renderToStaticMarkup(<ClusterHeader context="eksworkshop" view={eksworkshop()} status="live" retryAt={null} />));
    expect(t).toContain('ap-southeast-1');
    expect(t).toContain('k8s 1.28');
    expect(t).toContain('EC2 nodes 2');
    expect(t).toContain('Fargate nodes 4');
    expect(t).toContain('pods EC2 8 · Fargate 4 · Pending 0');
    expect(t).toContain('● live');
  });

  it('puts a banner up for a forbidden AWS source with its message', () => {
    const view = eksworkshop();
    const eks = view.meta.sources.find((s) => s.id === 'eks');
    if (!eks) throw new Error('no eks source');
    eks.state = 'forbidden';
    eks.message = 'EKS: AccessDenied — Kubernetes data is live; profile and load balancer columns are unavailable';
    const t = strip(renderToStaticMarkup(<ClusterHeader context="eksworkshop" view={view} status="live" retryAt={null} />));
    expect(t).toContain('EKS: AccessDenied — Kubernetes data is live; profile and load balancer columns are unavailable');
  });
});

describe('keys shown to the user come from the registry', () => {
  it('footer lists the bindings that have a footer label', () => {
    const t = strip(renderToStaticMarkup(<KeyFooter scope="table" />));
    for (const b of bindingsFor('table').filter((x) => x.footer)) expect(t).toContain(`<${keyLabel(b.keys[0])}> ${b.footer}`);
  });

  it('help lists every binding', () => {
    const t = strip(renderToStaticMarkup(<HelpOverlay onClose={() => {}} />));
    for (const b of KEY_BINDINGS) expect(t).toContain(b.description);
  });
});
