import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateFargateProfileCommand,
  DeleteFargateProfileCommand,
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeInstancesCommand, DescribeRouteTablesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createSimContext, type SimContext } from '../context';
import { FaultInjector } from '../faults';
import { loadScenario } from '../scenarios';
import { createAwsHandler } from './server';

// The real AWS SDK v3 clients against the simulator's AWS handler on 127.0.0.1, with dummy credentials.

const REGION = 'ap-southeast-1';
const SEED_PRIVATE_SUBNETS = ['subnet-04a7c6e7e1589c953', 'subnet-031022a6aab9b9e70', 'subnet-0eaf9054aa6daa68e'];
const ROLE = 'arn:aws:iam::133129065110:role/AmazonEKSFargatePodExecutionRole';
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'not-a-secret' };

interface Running {
  server: Server;
  url: string;
}

async function serve(ctx: SimContext, faults?: FaultInjector): Promise<Running> {
  const server = createServer(createAwsHandler(ctx.aws, { faults, ctx }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(r: Running): Promise<void> {
  return new Promise((resolve) => {
    r.server.closeAllConnections();
    r.server.close(() => resolve());
  });
}

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('AWS wire: EKS restJson1 with @aws-sdk/client-eks', () => {
  let ctx: SimContext;
  let run: Running;
  let eks: EKSClient;

  beforeAll(async () => {
    ctx = createSimContext({ scenario: 'eksworkshop', seed: 7 });
    loadScenario('eksworkshop', ctx);
    run = await serve(ctx);
    eks = new EKSClient({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    eks.destroy();
    await close(run);
  });

  it('describes the seed cluster', async () => {
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'eksworkshop' }));
    expect(cluster?.name).toBe('eksworkshop');
    expect(cluster?.arn).toBe('arn:aws:eks:ap-southeast-1:133129065110:cluster/eksworkshop');
    expect(cluster?.version).toBe('1.28');
    expect(cluster?.status).toBe('ACTIVE');
    expect(cluster?.resourcesVpcConfig?.subnetIds).toEqual(SEED_PRIVATE_SUBNETS);
    expect(cluster?.kubernetesNetworkConfig?.serviceIpv4Cidr).toBe('10.50.0.0/24');
    expect(cluster?.createdAt).toBeInstanceOf(Date);
    expect(cluster!.createdAt!.getTime()).toBeLessThan(Date.now());
  });

  it('lists and describes the managed node group', async () => {
    const list = await eks.send(new ListNodegroupsCommand({ clusterName: 'eksworkshop' }));
    expect(list.nodegroups).toEqual(['managed-ng']);
    const { nodegroup } = await eks.send(new DescribeNodegroupCommand({ clusterName: 'eksworkshop', nodegroupName: 'managed-ng' }));
    expect(nodegroup?.instanceTypes).toEqual(['t3.xlarge']);
    expect(nodegroup?.scalingConfig).toEqual({ minSize: 2, maxSize: 2, desiredSize: 2 });
    expect(nodegroup?.capacityType).toBe('ON_DEMAND');
    expect(nodegroup?.labels?.Name).toBe('managed-ng');
    expect(nodegroup?.subnets).toEqual(SEED_PRIVATE_SUBNETS);
  });

  it('lists Fargate profiles one page at a time', async () => {
    const first = await eks.send(new ListFargateProfilesCommand({ clusterName: 'eksworkshop', maxResults: 1 }));
    expect(first.fargateProfileNames).toEqual(['test2-fargate']);
    expect(first.nextToken).toBeTruthy();
    const second = await eks.send(new ListFargateProfilesCommand({ clusterName: 'eksworkshop', maxResults: 1, nextToken: first.nextToken }));
    expect(second.fargateProfileNames).toEqual(['test3-mixed']);
    expect(second.nextToken).toBeUndefined();
    const bad = await failure(eks.send(new ListFargateProfilesCommand({ clusterName: 'eksworkshop', maxResults: 101 })));
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('describes the seed profile with its label selector', async () => {
    const { fargateProfile } = await eks.send(new DescribeFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'test3-mixed' }));
    expect(fargateProfile?.status).toBe('ACTIVE');
    expect(fargateProfile?.selectors).toEqual([{ namespace: 'test3-mixed', labels: { runon: 'fargate' } }]);
    expect(fargateProfile?.fargateProfileArn).toMatch(/^arn:aws:eks:ap-southeast-1:133129065110:fargateprofile\/eksworkshop\/test3-mixed\/[0-9a-f-]{36}$/);
    expect(fargateProfile?.podExecutionRoleArn).toMatch(/^arn:aws:iam::133129065110:role\//);
  });

  it('answers unknown names with ResourceNotFoundException (404)', async () => {
    const cluster = await failure(eks.send(new DescribeClusterCommand({ name: 'nope' })));
    expect(cluster).toMatchObject({ name: 'ResourceNotFoundException', message: 'No cluster found for name: nope.', status: 404 });
    const profile = await failure(eks.send(new DescribeFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'nope' })));
    expect(profile).toMatchObject({ name: 'ResourceNotFoundException', message: 'No Fargate Profile found with name: nope.', status: 404 });
  });

  it('rejects invalid CreateFargateProfile requests with precise InvalidParameterException messages', async () => {
    const base = { clusterName: 'eksworkshop', podExecutionRoleArn: ROLE, selectors: [{ namespace: 'batch' }] };
    const publicSubnet = ctx.aws.network.subnets.find((s) => s.mapPublicIpOnLaunch)!.id;
    const cases: [string, object, RegExp][] = [
      ['public subnet', { ...base, fargateProfileName: 'p1', subnets: [SEED_PRIVATE_SUBNETS[0], publicSubnet] }, new RegExp(`Subnet ${publicSubnet} is a public subnet`)],
      ['unknown subnet', { ...base, fargateProfileName: 'p2', subnets: ['subnet-0000000000000000f'] }, /subnet-0000000000000000f' does not exist/],
      ['no selector', { ...base, fargateProfileName: 'p3', selectors: [] }, /requires at least one selector/],
      ['six selectors', { ...base, fargateProfileName: 'p4', selectors: Array.from({ length: 6 }, (_, i) => ({ namespace: `n${i}` })) }, /6 selectors; at most 5/],
      ['selector without namespace', { ...base, fargateProfileName: 'p5', selectors: [{ labels: { a: 'b' } }] }, /selectors\[0\]\.namespace is required/],
      ['six labels', { ...base, fargateProfileName: 'p6', selectors: [{ namespace: 'x', labels: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, 'v'])) }] }, /more than 5 Label pairs/],
      ['long label key', { ...base, fargateProfileName: 'p7', selectors: [{ namespace: 'x', labels: { ['k'.repeat(128)]: 'v' } }] }, /must be 1 to 127 characters/],
      ['bad role', { ...base, fargateProfileName: 'p8', podExecutionRoleArn: 'my-role' }, /"my-role" is not a valid IAM role ARN/],
    ];
    for (const [label, input, message] of cases) {
      const err = await failure(eks.send(new CreateFargateProfileCommand(input as never)));
      expect(err.name, label).toBe('InvalidParameterException');
      expect(err.status, label).toBe(400);
      expect(err.message, label).toMatch(message);
    }
    expect(ctx.aws.listProfiles().map((p) => p.name)).toEqual(['test2-fargate', 'test3-mixed']);
  });

  it('creates a profile as CREATING, refuses a second one meanwhile, honours clientRequestToken, then deletes', async () => {
    const input = { clusterName: 'eksworkshop', fargateProfileName: 'batch', podExecutionRoleArn: ROLE, selectors: [{ namespace: 'batch', labels: { compute: 'fargate' } }], clientRequestToken: 'token-1' };
    const created = await eks.send(new CreateFargateProfileCommand(input));
    expect(created.fargateProfile?.status).toBe('CREATING');
    expect(created.fargateProfile?.subnets).toEqual(SEED_PRIVATE_SUBNETS);
    const again = await eks.send(new CreateFargateProfileCommand(input));
    expect(again.fargateProfile?.fargateProfileArn).toBe(created.fargateProfile?.fargateProfileArn);
    const busy = await failure(eks.send(new CreateFargateProfileCommand({ ...input, fargateProfileName: 'other', clientRequestToken: 'token-2' })));
    expect(busy).toMatchObject({ name: 'ResourceInUseException', status: 409 });
    expect(busy.message).toContain('batch is in status CREATING');
    const dup = await failure(eks.send(new CreateFargateProfileCommand({ ...input, fargateProfileName: 'test2-fargate', clientRequestToken: 'token-3' })));
    expect(dup).toMatchObject({ name: 'ResourceInUseException', message: 'A Fargate Profile already exists with this name in this cluster.' });

    ctx.aws.setProfileStatus('batch', 'ACTIVE');
    const deleting = await eks.send(new DeleteFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'batch' }));
    expect(deleting.fargateProfile?.status).toBe('DELETING');
    const second = await failure(eks.send(new DeleteFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'test2-fargate' })));
    expect(second.name).toBe('ResourceInUseException');
    ctx.aws.removeProfile('batch');
  });

  it('enforces 10 profiles per cluster with ResourceLimitExceededException', async () => {
    for (let i = 0; i < 8; i++) {
      await eks.send(new CreateFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: `fill-${i}`, podExecutionRoleArn: ROLE, selectors: [{ namespace: `fill-${i}` }] }));
      ctx.aws.setProfileStatus(`fill-${i}`, 'ACTIVE');
    }
    const err = await failure(eks.send(new CreateFargateProfileCommand({ clusterName: 'eksworkshop', fargateProfileName: 'eleventh', podExecutionRoleArn: ROLE, selectors: [{ namespace: 'x' }] })));
    expect(err).toMatchObject({ name: 'ResourceLimitExceededException', status: 400 });
    for (let i = 0; i < 8; i++) ctx.aws.removeProfile(`fill-${i}`);
  });

  it('treats another region as having no cluster', async () => {
    const other = new EKSClient({ region: 'us-west-2', endpoint: run.url, credentials, maxAttempts: 1 });
    const err = await failure(other.send(new DescribeClusterCommand({ name: 'eksworkshop' })));
    other.destroy();
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('refuses unsigned and badly signed requests with 403, as AWS does', async () => {
    const unsigned = await fetch(`${run.url}/clusters/eksworkshop`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException/);
    expect(await unsigned.json()).toMatchObject({ message: 'Missing Authentication Token' });
    const incomplete = await fetch(`${run.url}/clusters/eksworkshop`, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-1/eks/aws4_request' } });
    expect(incomplete.status).toBe(403);
    expect(incomplete.headers.get('x-amzn-errortype')).toMatch(/^IncompleteSignatureException/);
    expect(((await incomplete.json()) as { message: string }).message).toContain("requires 'Signature' parameter");
    const query = await fetch(run.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeLoadBalancers&Version=2015-12-01' });
    expect(query.status).toBe(403);
    expect(await query.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});

describe('AWS wire: ELBv2 and EC2 query protocols with the SDK', () => {
  let ctx: SimContext;
  let run: Running;
  let elb: ElasticLoadBalancingV2Client;
  let ec2: EC2Client;

  beforeAll(async () => {
    ctx = createSimContext({ scenario: 'eksworkshop', seed: 7 });
    loadScenario('eksworkshop', ctx);
    run = await serve(ctx);
    elb = new ElasticLoadBalancingV2Client({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
    ec2 = new EC2Client({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    elb.destroy();
    ec2.destroy();
    await close(run);
  });

  it('describes the four NLBs, with the seed hostnames for test3-mixed', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers).toHaveLength(4);
    const dns = LoadBalancers!.map((lb) => lb.DNSName);
    expect(dns).toContain('k8s-test3mix-nginxmix-61febb02e3-ae45b4239866c787.elb.ap-southeast-1.amazonaws.com');
    expect(dns).toContain('k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com');
    for (const lb of LoadBalancers!) {
      expect(lb.Type).toBe('network');
      expect(lb.Scheme).toBe('internet-facing');
      expect(lb.State?.Code).toBe('active');
      expect(lb.CreatedTime).toBeInstanceOf(Date);
      expect(lb.LoadBalancerName).toMatch(/^k8s-[a-z0-9]{1,8}-[a-z0-9]{1,8}-[0-9a-f]{10}$/);
    }
  });

  it('pages DescribeLoadBalancers with PageSize and Marker, and finds by name', async () => {
    const first = await elb.send(new DescribeLoadBalancersCommand({ PageSize: 3 }));
    expect(first.LoadBalancers).toHaveLength(3);
    expect(first.NextMarker).toBeTruthy();
    const rest = await elb.send(new DescribeLoadBalancersCommand({ PageSize: 3, Marker: first.NextMarker }));
    expect(rest.LoadBalancers).toHaveLength(1);
    expect(rest.NextMarker).toBeUndefined();
    const byName = await elb.send(new DescribeLoadBalancersCommand({ Names: ['k8s-test3mix-nginxmix-61febb02e3'] }));
    expect(byName.LoadBalancers?.[0].DNSName).toBe('k8s-test3mix-nginxmix-61febb02e3-ae45b4239866c787.elb.ap-southeast-1.amazonaws.com');
    const missing = await failure(elb.send(new DescribeLoadBalancersCommand({ Names: ['k8s-nope'] })));
    expect(missing).toMatchObject({ name: 'LoadBalancerNotFoundException', status: 400 });
    expect(missing.message).toContain('k8s-nope');
  });

  it('follows an NLB to its listener, IP target group and healthy pod targets', async () => {
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({ Names: ['k8s-test3mix-nginxmix-9c4bce1473'] }));
    const lbArn = LoadBalancers![0].LoadBalancerArn!;
    const { Listeners } = await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    expect(Listeners?.map((l) => [l.Port, l.Protocol])).toEqual([[80, 'TCP']]);
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    expect(TargetGroups).toHaveLength(1);
    expect(TargetGroups![0].TargetType).toBe('ip');
    expect(Listeners![0].DefaultActions?.[0].TargetGroupArn).toBe(TargetGroups![0].TargetGroupArn);
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: TargetGroups![0].TargetGroupArn }));
    const targets = health.TargetHealthDescriptions!.map((t) => [t.Target?.Id, t.TargetHealth?.State]).sort();
    expect(targets).toEqual([
      ['172.31.61.98', 'healthy'],
      ['172.31.84.94', 'healthy'],
    ]);
    const tags = await elb.send(new DescribeTagsCommand({ ResourceArns: [lbArn] }));
    expect(tags.TagDescriptions?.[0].Tags).toContainEqual({ Key: 'service.k8s.aws/stack', Value: 'test3-mixed/nginx-mixed-fargate' });
    const noArn = await failure(elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: undefined as unknown as string })));
    expect(noArn.name).toBe('ValidationError');
  });

  it('describes six subnets: the seed private ones (internal-elb) and three public ones (elb)', async () => {
    const all = await ec2.send(new DescribeSubnetsCommand({}));
    expect(all.Subnets).toHaveLength(6);
    const internal = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:kubernetes.io/role/internal-elb', Values: ['1'] }] }));
    expect(internal.Subnets!.map((s) => [s.SubnetId, s.AvailabilityZone])).toEqual([
      ['subnet-04a7c6e7e1589c953', 'ap-southeast-1a'],
      ['subnet-031022a6aab9b9e70', 'ap-southeast-1b'],
      ['subnet-0eaf9054aa6daa68e', 'ap-southeast-1c'],
    ]);
    for (const s of internal.Subnets!) {
      expect(s.CidrBlock).toMatch(/^172\.31\.\d+\.0\/20$/);
      expect(s.MapPublicIpOnLaunch).toBe(false);
    }
    const publicOnes = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'map-public-ip-on-launch', Values: ['true'] }, { Name: 'vpc-id', Values: [all.Subnets![0].VpcId!] }] }));
    expect(publicOnes.Subnets).toHaveLength(3);
    expect(publicOnes.Subnets!.every((s) => s.Tags?.some((t) => t.Key === 'kubernetes.io/role/elb'))).toBe(true);
    const missing = await failure(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })));
    expect(missing.name).toBe('InvalidSubnetID.NotFound');
    expect(missing.message).toBe("The subnet ID 'subnet-0123456789abcdef0' does not exist");
    const badFilter = await failure(ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    expect(badFilter).toMatchObject({ name: 'InvalidParameterValue', message: "The filter 'colour' is invalid" });
  });

  it('lets a client tell private subnets by their route tables (no internet gateway route)', async () => {
    const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: SEED_PRIVATE_SUBNETS }] }));
    expect(RouteTables).toHaveLength(1);
    const routes = RouteTables![0].Routes!;
    expect(routes.some((r) => r.GatewayId?.startsWith('igw-'))).toBe(false);
    expect(routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toMatch(/^nat-/);
    const publicTables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.gateway-id', Values: ['igw-*'] }] }));
    expect(publicTables.RouteTables).toHaveLength(1);
    expect(publicTables.RouteTables![0].Associations!.map((a) => a.SubnetId).sort()).toEqual(
      ctx.aws.network.subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.id).sort(),
    );
  });

  it("describes the node group's instances, matching the EC2 Node objects", async () => {
    const { Reservations } = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:eks:nodegroup-name', Values: ['managed-ng'] }] }));
    const instances = Reservations!.flatMap((r) => r.Instances!);
    expect(instances.map((i) => i.PrivateIpAddress).sort()).toEqual(['172.31.53.43', '172.31.93.72']);
    const nodes = ctx.store.list('Node').filter((n) => !n.metadata.name.startsWith('fargate-'));
    for (const i of instances) {
      expect(i.InstanceType).toBe('t3.xlarge');
      expect(i.State?.Name).toBe('running');
      const node = nodes.find((n) => (n.spec as { providerID: string }).providerID === `aws:///${i.Placement?.AvailabilityZone}/${i.InstanceId}`);
      expect(node?.metadata.name).toBe(i.PrivateDnsName);
    }
    const one = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instances[0].InstanceId!] }));
    expect(one.Reservations?.[0].Instances?.[0].InstanceId).toBe(instances[0].InstanceId);
    const missing = await failure(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000000f'] })));
    expect(missing.name).toBe('InvalidInstanceID.NotFound');
  });

  it('pages DescribeInstances with MaxResults/NextToken on a large cluster, and describes the VPC', async () => {
    const big = createSimContext({ scenario: 'scale', nodes: 12, pods: 40, seed: 1 });
    loadScenario('scale', big);
    const bigRun = await serve(big);
    const client = new EC2Client({ region: REGION, endpoint: bigRun.url, credentials, maxAttempts: 1 });
    try {
      const seen: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < 10; page++) {
        const out = await client.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
        seen.push(...out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!)));
        token = out.NextToken;
        if (!token) break;
      }
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      const { Vpcs } = await client.send(new DescribeVpcsCommand({}));
      expect(Vpcs?.map((v) => v.CidrBlock)).toEqual(['10.0.0.0/16']);
    } finally {
      client.destroy();
      await close(bigRun);
    }
  });
});

describe('AWS wire: injected faults', () => {
  it('throttles EKS with 429 ThrottlingException and the query APIs with 400 Throttling', async () => {
    const ctx = createSimContext({ scenario: 'empty' });
    loadScenario('empty', ctx);
    const run = await serve(ctx, new FaultInjector('throttle=1'));
    try {
      const eks = new EKSClient({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
      const elb = new ElasticLoadBalancingV2Client({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
      const ec2 = new EC2Client({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
      expect(await failure(eks.send(new DescribeClusterCommand({ name: 'eksworkshop' })))).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', status: 429 });
      expect(await failure(elb.send(new DescribeLoadBalancersCommand({})))).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', status: 400 });
      expect(await failure(ec2.send(new DescribeSubnetsCommand({})))).toMatchObject({ name: 'Throttling', status: 400 });
      for (const c of [eks, elb, ec2]) c.destroy();
      const raw = await fetch(`${run.url}/clusters/eksworkshop`, {
        headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261126/ap-southeast-1/eks/aws4_request, SignedHeaders=host, Signature=0', 'x-amz-date': '20261126T000000Z' },
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get('retry-after')).toBe('1');
    } finally {
      await close(run);
    }
  });

  it('answers injected server errors with each protocol’s 500', async () => {
    const ctx = createSimContext({ scenario: 'empty' });
    loadScenario('empty', ctx);
    const run = await serve(ctx, new FaultInjector('error=1'));
    try {
      const eks = new EKSClient({ region: REGION, endpoint: run.url, credentials, maxAttempts: 1 });
      expect(await failure(eks.send(new DescribeClusterCommand({ name: 'eksworkshop' })))).toMatchObject({ name: 'ServerException', status: 500 });
      eks.destroy();
    } finally {
      await close(run);
    }
  });
});
