import { describe, expect, it } from 'vitest';
import {
  auditPath,
  clusterPath,
  decodeParam,
  eventsPath,
  newProfilePage,
  objectPath,
  pagePath,
  podPath,
  previewPath,
  profilePath,
  profilesPath,
  replacePath,
  reportPath,
  REPORTS_PATH,
  restartPath,
  viewPath,
  whatIfPath,
} from './api-paths';

describe('api paths', () => {
  const arn = 'arn:aws:eks:ap-southeast-1:111122223333:cluster/eksworkshop';

  it('encode context names that contain slashes and colons', () => {
    expect(viewPath(arn)).toBe('/api/c/arn%3Aaws%3Aeks%3Aap-southeast-1%3A111122223333%3Acluster%2Feksworkshop/view');
    expect(decodeParam(encodeURIComponent(arn))).toBe(arn);
    expect(decodeParam('eksworkshop')).toBe('eksworkshop');
    expect(decodeParam('bad%zz')).toBe('bad%zz');
  });

  it('resume the stream after the last sequence number', () => {
    expect(eventsPath('eksworkshop')).toBe('/api/c/eksworkshop/events');
    expect(eventsPath('eksworkshop', 41)).toBe('/api/c/eksworkshop/events?since=41');
    expect(eventsPath('eksworkshop', -1)).toBe('/api/c/eksworkshop/events');
  });

  it('address pods, objects and pages', () => {
    expect(podPath('eksworkshop', 'test3-mixed', 'nginx-mixed-fargate-747577644f-9lnlt')).toBe('/api/c/eksworkshop/pods/test3-mixed/nginx-mixed-fargate-747577644f-9lnlt');
    expect(objectPath('eksworkshop', 'service', 'nginx-mixed-fargate', 'test3-mixed')).toBe('/api/c/eksworkshop/objects/service/nginx-mixed-fargate?namespace=test3-mixed');
    expect(objectPath('eksworkshop', 'node', 'ip-172-31-93-72.ap-southeast-1.compute.internal')).toBe('/api/c/eksworkshop/objects/node/ip-172-31-93-72.ap-southeast-1.compute.internal');
    expect(clusterPath('eksworkshop', 'view=pods')).toBe('/c/eksworkshop?view=pods');
    expect(pagePath('user@eksworkshop.ap-southeast-1.eksctl.io', 'cost')).toBe('/c/user%40eksworkshop.ap-southeast-1.eksctl.io/cost');
    // Shared reports are listed for every context in one place.
    expect(pagePath('eksworkshop', 'reports')).toBe('/reports');
  });
});

describe('profile, what-if, report and audit paths', () => {
  it('encode the context and the profile name', () => {
    const ctx = 'user@eksworkshop.ap-southeast-1.eksctl.io';
    expect(profilesPath(ctx)).toBe('/api/c/user%40eksworkshop.ap-southeast-1.eksctl.io/profiles');
    expect(previewPath('eksworkshop')).toBe('/api/c/eksworkshop/profiles/preview');
    expect(profilePath('eksworkshop', 'a/b')).toBe('/api/c/eksworkshop/profiles/a%2Fb');
    expect(replacePath('eksworkshop', 'test2-fargate')).toBe('/api/c/eksworkshop/profiles/test2-fargate/replace');
    expect(restartPath('eksworkshop', 'test2-fargate')).toBe('/api/c/eksworkshop/profiles/test2-fargate/restart-workloads');
    expect(whatIfPath(ctx)).toBe('/api/c/user%40eksworkshop.ap-southeast-1.eksctl.io/whatif');
    expect(newProfilePage('eksworkshop')).toBe('/c/eksworkshop/profiles/new');
    expect(newProfilePage('eksworkshop', 'test 2')).toBe('/c/eksworkshop/profiles/new?replace=test%202');
  });

  it('page the audit log and address reports', () => {
    expect(auditPath('eksworkshop', 100)).toBe('/api/audit?context=eksworkshop&limit=100');
    expect(auditPath('eksworkshop', 100, 42)).toBe('/api/audit?context=eksworkshop&limit=100&before=42');
    expect(reportPath('r_abc')).toBe('/api/reports/r_abc');
    expect(REPORTS_PATH).toBe('/api/reports');
  });
});
