import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bindingsFor, KEY_BINDINGS, keyLabel, POINTER_CONTROLS, type ActionId } from '@/lib/ui/keys';
import { parseDiscounts } from '@/lib/cost/discounts';
import { formatUSD } from '@/lib/ui/format';
import { eksworkshop } from '@/lib/ui/test-support/eksworkshop';
import { ClusterHeader } from './ClusterHeader';
import { HelpOverlay } from './HelpOverlay';
import { KeyActions } from './KeyActions';
import { KeyFooter } from './KeyFooter';
import { DetailTitle } from '../details/DetailLayout';

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

  it('shows the list price and, with your discounts set, what you pay', () => {
    const view = eksworkshop();
    expect(strip(renderToStaticMarkup(<ClusterHeader context="eksworkshop" view={view} status="live" retryAt={null} />))).not.toContain('yours');
    view.meta.discounts = parseDiscounts('ec2=25%,fargate=20%');
    const t = strip(renderToStaticMarkup(<ClusterHeader context="eksworkshop" view={view} status="live" retryAt={null} />));
    // Two On-Demand t3.xlarge at 25 % off, the Fargate pods at 20 % off, the control plane at list price.
    const ec2 = view.nodes.filter((n) => n.computeType === 'ec2').reduce((s, n) => s + n.hourlyUSD, 0);
    const yours = ec2 * 0.75 + view.totals.fargate.hourlyUSD * 0.8 + view.totals.controlPlaneHourlyUSD;
    expect(t).toContain(`${formatUSD(view.totals.hourlyUSD)}/h list · ${formatUSD(yours)}/h yours`);
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
  it('footer lists the bindings that have a footer label, those of one screen on that screen only', () => {
    const t = strip(renderToStaticMarkup(<KeyFooter scope="table" view="pods" />));
    for (const b of bindingsFor('table').filter((x) => x.footer && !x.footerOn)) expect(t).toContain(`<${keyLabel(b.keys[0])}> ${b.footer}`);
    expect(t).not.toContain('new profile');
    expect(strip(renderToStaticMarkup(<KeyFooter scope="table" view="profiles" />))).toContain('<n> new profile');
  });

  it('gives every binding a control the mouse can use: a footer button, or the control named for it', () => {
    const html = (el: React.ReactElement) => renderToStaticMarkup(<KeyActions.Provider value={() => undefined}>{el}</KeyActions.Provider>);
    const buttons = new Set<ActionId>();
    const collect = (markup: string) => {
      for (const m of markup.matchAll(/<button[^>]*data-action="([a-zA-Z]+)"/g)) buttons.add(m[1] as ActionId);
    };
    for (const view of ['pods', 'profiles'] as const) collect(html(<KeyFooter scope="table" view={view} />));
    collect(html(<KeyFooter scope="detail" />));
    collect(html(<ClusterHeader context="eksworkshop" view={eksworkshop()} status="live" retryAt={null} />));
    collect(html(<DetailTitle kind="pod" name="x" />));
    for (const b of KEY_BINDINGS) {
      expect(buttons.has(b.action) || POINTER_CONTROLS[b.action] !== undefined, `${b.scope} ${b.action}`).toBe(true);
    }
    // The footer's buttons are the footer's bindings, and the theme and Back are buttons too.
    for (const b of KEY_BINDINGS.filter((x) => x.footer)) expect(buttons.has(b.action), b.action).toBe(true);
    expect([...buttons]).toEqual(expect.arrayContaining(['theme', 'back', 'yaml']));
  });

  it('help lists every binding', () => {
    const t = strip(renderToStaticMarkup(<HelpOverlay onClose={() => {}} />));
    for (const b of KEY_BINDINGS) expect(t).toContain(b.description);
  });
});
