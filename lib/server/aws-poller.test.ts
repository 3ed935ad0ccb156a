import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RouteTable } from '@aws-sdk/client-ec2';
import type { SourceId, SourceStatus } from '../view/model';
import { subnetIsPublic } from './aws/ec2';
import { describeAwsError } from './aws/errors';
import { AwsPoller } from './aws-poller';

afterEach(() => {
  vi.useRealTimers();
});

function awsError(name: string, message: string, status?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('AwsPoller', () => {
  it('backs off exponentially on throttling, keeps the last data, and recovers', async () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const statuses: Omit<SourceStatus, 'id'>[] = [];
    const applied: number[] = [];
    let n = 0;
    const poller = new AwsPoller(
      [
        {
          id: 'elbv2',
          run: async () => {
            calls.push(Date.now());
            n++;
            if (n >= 2 && n <= 4) throw awsError('ThrottlingException', 'Rate exceeded', 400);
            return n;
          },
          apply: (d) => applied.push(d as number),
        },
      ],
      { intervalMs: 1000, maxBackoffMs: 5000, status: (_id: SourceId, s) => statuses.push(s) },
    );
    poller.start();
    for (let i = 0; i < 40; i++) await vi.advanceTimersByTimeAsync(500);
    poller.stop();
    // Ok at t0, then fails at +1 s; waits 2 s, 4 s, then the 5 s cap; then ok again and back to 1 s.
    const gaps = calls.slice(1, 6).map((t, i) => t - calls[i]);
    expect(gaps).toEqual([1000, 2000, 4000, 5000, 1000]);
    expect(applied.slice(0, 2)).toEqual([1, 5]);
    expect(statuses[1]).toMatchObject({ state: 'stale', message: 'elbv2: throttled by AWS (ThrottlingException); retrying in 2 s' });
    expect(statuses[1].lastSyncAt).toBe(statuses[0].lastSyncAt);
    expect(statuses[4]).toMatchObject({ state: 'ok', message: null });
  });

  it('refresh() polls at once, and a blocked part says why', async () => {
    const statuses: [SourceId, Omit<SourceStatus, 'id'>][] = [];
    let runs = 0;
    const poller = new AwsPoller(
      [
        { id: 'eks', blocked: () => 'cannot tell the EKS cluster: set FARVIEW_EKS_CLUSTER', run: async () => 0, apply: () => {} },
        { id: 'ec2', run: async () => ++runs, apply: () => {} },
      ],
      { intervalMs: 60_000, status: (id, s) => statuses.push([id, s]) },
    );
    await poller.refresh();
    expect(runs).toBe(1);
    expect(statuses).toContainEqual(['eks', expect.objectContaining({ state: 'error', message: 'cannot tell the EKS cluster: set FARVIEW_EKS_CLUSTER' })]);
    poller.stop();
  });
});

describe('describeAwsError', () => {
  it('explains missing credentials, AccessDenied and throttling', () => {
    expect(describeAwsError(awsError('CredentialsProviderError', 'Could not load credentials from any providers'), 'eks').message).toContain('no AWS credentials');
    const denied = describeAwsError(awsError('AccessDeniedException', 'not authorized to perform: eks:ListFargateProfiles', 403), 'eks');
    expect(denied.message).toContain('needs eks:DescribeCluster');
    expect(denied.throttled).toBe(false);
    expect(describeAwsError(awsError('Throttling', 'Rate exceeded', 400), 'elbv2').throttled).toBe(true);
    expect(describeAwsError(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503), 'ec2').throttled).toBe(true);
  });
});

describe('subnetIsPublic', () => {
  const tables: RouteTable[] = [
    {
      RouteTableId: 'rtb-main',
      VpcId: 'vpc-1',
      Associations: [{ Main: true }],
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1' }],
    },
    {
      RouteTableId: 'rtb-public',
      VpcId: 'vpc-1',
      Associations: [{ SubnetId: 'subnet-pub' }],
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }],
    },
    {
      RouteTableId: 'rtb-dead',
      VpcId: 'vpc-1',
      Associations: [{ SubnetId: 'subnet-dead' }],
      Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'blackhole' }],
    },
  ];

  it('is public when its own route table routes to an internet gateway', () => {
    expect(subnetIsPublic({ SubnetId: 'subnet-pub', VpcId: 'vpc-1' }, tables)).toEqual({ public: true, routeTableId: 'rtb-public' });
  });

  it('uses the main table when the subnet has no explicit association', () => {
    expect(subnetIsPublic({ SubnetId: 'subnet-priv', VpcId: 'vpc-1' }, tables)).toEqual({ public: false, routeTableId: 'rtb-main' });
  });

  it('ignores blackhole routes', () => {
    expect(subnetIsPublic({ SubnetId: 'subnet-dead', VpcId: 'vpc-1' }, tables).public).toBe(false);
  });
});
