import { describe, expect, it } from 'vitest';
import { eksworkshop } from './test-support/eksworkshop';
import { copyText, eventObjectLink, rowKey, rowLabels, rowNamespace } from './views';

const view = eksworkshop();

describe('row identity', () => {
  it('keys namespaced rows by namespace/name and others by name', () => {
    const pod = view.pods.find((p) => p.name === 'nginx-mixed-fargate-747577644f-9lnlt');
    if (!pod) throw new Error('fixture');
    expect(rowKey('pods', pod)).toBe('test3-mixed/nginx-mixed-fargate-747577644f-9lnlt');
    expect(rowKey('nodes', view.nodes[0])).toBe(view.nodes[0].name);
    expect(rowKey('profiles', view.profiles[1])).toBe('test3-mixed');
    expect(rowKey('events', view.events[0])).toBe(view.events[0].id);
    expect(rowNamespace('services', view.services[0])).toBe('test1-ec2nodegroup');
    expect(rowNamespace('nodes', view.nodes[0])).toBeNull();
  });

  it('copies a service endpoint, and names for everything else', () => {
    const svc = view.services.find((s) => s.name === 'nginx-mixed-fargate');
    if (!svc) throw new Error('fixture');
    expect(copyText('services', svc)).toBe('k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com');
    expect(copyText('services', { ...svc, hostname: null })).toBe('nginx-mixed-fargate');
    expect(copyText('profiles', view.profiles[0])).toBe('test2-fargate');
  });

  it('filters services by their selector', () => {
    expect(rowLabels('services', view.services[0])).toEqual({ app: 'nginx-ec2nodegroup' });
    expect(rowLabels('profiles', view.profiles[0])).toBeNull();
  });
});

describe('eventObjectLink', () => {
  it('goes to the pod, service or node an event is about', () => {
    const e = view.events[0];
    expect(eventObjectLink(e)).toEqual({ view: 'pods', sel: `test2-fargate/${e.object.name}` });
    expect(eventObjectLink({ ...e, object: { kind: 'Node', name: 'n1', namespace: null } })).toEqual({ view: 'nodes', sel: 'n1' });
    expect(eventObjectLink({ ...e, object: { kind: 'Deployment', name: 'd', namespace: 'x' } })).toBeNull();
  });
});
