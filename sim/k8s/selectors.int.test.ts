import { describe, expect, it } from 'vitest';
import type { Obj } from '../store';
import { SelectorError, fieldValue, parseFieldSelector, parseLabelSelector } from './selectors';

const labels = { app: 'web', tier: 'frontend', 'eks.amazonaws.com/fargate-profile': 'test2-fargate' };

describe('label selectors', () => {
  const m = (sel: string, l: Record<string, string> | undefined = labels) => parseLabelSelector(sel).matches(l);

  it('matches equality, inequality and existence', () => {
    expect(m('app=web')).toBe(true);
    expect(m('app==web')).toBe(true);
    expect(m('app=db')).toBe(false);
    expect(m('app!=db')).toBe(true);
    expect(m('missing!=x')).toBe(true); // != also matches objects without the key
    expect(m('tier')).toBe(true);
    expect(m('!tier')).toBe(false);
    expect(m('!missing')).toBe(true);
    expect(m('eks.amazonaws.com/fargate-profile=test2-fargate')).toBe(true);
  });

  it('matches set-based requirements, and ANDs comma-separated ones', () => {
    expect(m('tier in (frontend,backend)')).toBe(true);
    expect(m('tier in (backend)')).toBe(false);
    expect(m('tier notin (backend, cache)')).toBe(true);
    expect(m('missing notin (x)')).toBe(true);
    expect(m('missing in (x)')).toBe(false);
    expect(m('app=web,tier in (frontend),!legacy')).toBe(true);
    expect(m('app=web,tier in (backend)')).toBe(false);
  });

  it('treats an empty selector as everything, including objects without labels', () => {
    expect(parseLabelSelector('').empty).toBe(true);
    expect(parseLabelSelector('').matches(undefined)).toBe(true);
    expect(parseLabelSelector('app=web').matches(undefined)).toBe(false);
    expect(parseLabelSelector('app!=web').matches(undefined)).toBe(true);
  });

  it('rejects malformed selectors with a SelectorError', () => {
    for (const bad of ['app=we b', 'in (a', 'app in ()', '=x', 'a b', 'app=web,', 'bad key=x', 'x=' + 'v'.repeat(64)]) {
      expect(() => parseLabelSelector(bad), bad).toThrow(SelectorError);
    }
  });
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'test2-fargate', uid: 'u', resourceVersion: '1', creationTimestamp: '' },
  spec: { nodeName: 'fargate-ip-172-31-140-9.ap-southeast-1.compute.internal', schedulerName: 'fargate-scheduler', hostNetwork: false },
  status: { phase: 'Running', podIP: '172.31.140.9' },
} as Obj;

describe('field selectors', () => {
  it('matches the fields kubectl and dashboards use on pods', () => {
    const m = (sel: string) => parseFieldSelector('Pod', sel).matches(pod);
    expect(m('spec.nodeName=fargate-ip-172-31-140-9.ap-southeast-1.compute.internal')).toBe(true);
    expect(m('spec.schedulerName=fargate-scheduler')).toBe(true);
    expect(m('status.phase!=Succeeded,status.phase!=Failed')).toBe(true);
    expect(m('status.phase==Pending')).toBe(false);
    expect(m('metadata.name=nginx,metadata.namespace=test2-fargate')).toBe(true);
    expect(m('spec.host=fargate-ip-172-31-140-9.ap-southeast-1.compute.internal')).toBe(true); // legacy alias
    expect(m('spec.hostNetwork=false')).toBe(true);
    expect(m('spec.nodeName=')).toBe(false);
  });

  it('renders absent fields as empty strings', () => {
    const pending = { ...pod, spec: {}, status: {} } as Obj;
    expect(fieldValue(pending, 'spec.nodeName')).toBe('');
    expect(parseFieldSelector('Pod', 'spec.nodeName=').matches(pending)).toBe(true);
  });

  it('supports event fields used by kubectl describe', () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'n' }, involvedObject: { kind: 'Pod', name: 'nginx', uid: 'u1' }, source: { component: 'default-scheduler' }, reason: 'FailedScheduling', type: 'Warning' } as unknown as Obj;
    expect(parseFieldSelector('Event', 'involvedObject.name=nginx,involvedObject.uid=u1,involvedObject.kind=Pod').matches(ev)).toBe(true);
    expect(parseFieldSelector('Event', 'source=default-scheduler,type=Warning').matches(ev)).toBe(true);
  });

  it('rejects unsupported fields with the API server message', () => {
    expect(() => parseFieldSelector('Pod', 'spec.foo=x')).toThrow('field label not supported: spec.foo');
    expect(() => parseFieldSelector('Node', 'status.phase=Running')).toThrow('field label not supported: status.phase');
    expect(() => parseFieldSelector('TargetGroupBinding', 'spec.targetType=ip')).toThrow(SelectorError);
    expect(() => parseFieldSelector('Pod', 'status.phase')).toThrow(SelectorError);
  });

  it('unescapes backslash-escaped values', () => {
    const o = { ...pod, metadata: { ...pod.metadata, name: 'a,b' } } as Obj;
    expect(parseFieldSelector('Pod', 'metadata.name=a\\,b').matches(o)).toBe(true);
  });
});
