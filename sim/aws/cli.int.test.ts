import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimContext, type SimContext } from '../context';
import { loadScenario } from '../scenarios';
import { createAwsHandler } from './server';

// The real AWS CLI (v1, botocore) against the simulator, as a user would type it. The CLI runs as a child
// process (asynchronously: the server lives in this process), with dummy credentials and no config files.

const AWS = ['/usr/local/bin/aws', '/usr/bin/aws', `${process.env.HOME}/.pyenv/shims/aws`].find((p) => existsSync(p)) ?? 'aws';
const SEED_PRIVATE_SUBNETS = ['subnet-04a7c6e7e1589c953', 'subnet-031022a6aab9b9e70', 'subnet-0eaf9054aa6daa68e'];
const ROLE = 'arn:aws:iam::133129065110:role/AmazonEKSFargatePodExecutionRole';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let server: Server;
let endpoint: string;
let ctx: SimContext;

function aws(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      AWS,
      ['--endpoint-url', endpoint, '--region', 'ap-southeast-1', '--output', 'json', ...args],
      {
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          NODE_ENV: 'test',
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
          AWS_SECRET_ACCESS_KEY: 'not-a-secret',
          AWS_CONFIG_FILE: '/nonexistent/aws-config',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (err: ExecFileException | null, stdout: string, stderr: string) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

function json<T>(r: CliResult): T {
  if (r.code !== 0) throw new Error(`aws exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  ctx = createSimContext({ scenario: 'eksworkshop', seed: 3 });
  loadScenario('eksworkshop', ctx);
  server = createServer(createAwsHandler(ctx.aws, { ctx }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('AWS CLI v1 against the simulator', () => {
  it('eks describe-cluster --name eksworkshop', async () => {
    const { cluster } = json<{ cluster: { name: string; version: string; status: string; createdAt: number; resourcesVpcConfig: { subnetIds: string[] }; kubernetesNetworkConfig: { serviceIpv4Cidr: string } } }>(
      await aws('eks', 'describe-cluster', '--name', 'eksworkshop'),
    );
    expect(cluster).toMatchObject({ name: 'eksworkshop', version: '1.28', status: 'ACTIVE' });
    expect(cluster.resourcesVpcConfig.subnetIds).toEqual(SEED_PRIVATE_SUBNETS);
    expect(cluster.kubernetesNetworkConfig.serviceIpv4Cidr).toBe('10.50.0.0/24');
    // CLI v1 prints restJson1 timestamps as it receives them: epoch seconds.
    expect(typeof cluster.createdAt).toBe('number');
  }, 60_000);

  it('eks list-fargate-profiles and describe-fargate-profile', async () => {
    const list = json<{ fargateProfileNames: string[] }>(await aws('eks', 'list-fargate-profiles', '--cluster-name', 'eksworkshop'));
    expect(list.fargateProfileNames).toEqual(['test2-fargate', 'test3-mixed']);
    const { fargateProfile } = json<{ fargateProfile: { status: string; selectors: unknown[]; subnets: string[] } }>(
      await aws('eks', 'describe-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'test2-fargate'),
    );
    expect(fargateProfile.status).toBe('ACTIVE');
    expect(fargateProfile.selectors).toEqual([{ namespace: 'test2-fargate' }]);
    expect(fargateProfile.subnets).toEqual(SEED_PRIVATE_SUBNETS);
    const missing = await aws('eks', 'describe-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeFargateProfile operation: No Fargate Profile found with name: nope.');
  }, 60_000);

  it('eks create-fargate-profile: invalid input, CREATING, ResourceInUseException, then delete', async () => {
    const publicSubnet = ctx.aws.network.subnets.find((s) => s.mapPublicIpOnLaunch)!.id;
    const bad = await aws(
      'eks', 'create-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'batch',
      '--pod-execution-role-arn', ROLE, '--subnets', publicSubnet, '--selectors', 'namespace=batch',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('An error occurred (InvalidParameterException) when calling the CreateFargateProfile operation');
    expect(bad.stderr).toContain(`Subnet ${publicSubnet} is a public subnet`);

    const badRole = await aws('eks', 'create-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'batch', '--pod-execution-role-arn', 'FargateRole', '--selectors', 'namespace=batch');
    expect(badRole.stderr).toContain('is not a valid IAM role ARN');

    const created = json<{ fargateProfile: { status: string; fargateProfileName: string; selectors: unknown[] } }>(
      await aws(
        'eks', 'create-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'batch',
        '--pod-execution-role-arn', ROLE, '--selectors', '[{"namespace":"batch","labels":{"compute":"fargate"}}]',
      ),
    );
    expect(created.fargateProfile).toMatchObject({ fargateProfileName: 'batch', status: 'CREATING' });
    expect(created.fargateProfile.selectors).toEqual([{ namespace: 'batch', labels: { compute: 'fargate' } }]);

    const busy = await aws('eks', 'create-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'another', '--pod-execution-role-arn', ROLE, '--selectors', 'namespace=another');
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain('An error occurred (ResourceInUseException) when calling the CreateFargateProfile operation');

    const dup = await aws('eks', 'create-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'test3-mixed', '--pod-execution-role-arn', ROLE, '--selectors', 'namespace=x');
    expect(dup.stderr).toContain('ResourceInUseException');
    expect(dup.stderr).toContain('A Fargate Profile already exists with this name in this cluster.');

    ctx.aws.setProfileStatus('batch', 'ACTIVE'); // the lifecycle controller's job; no controllers run here
    const deleted = json<{ fargateProfile: { status: string } }>(await aws('eks', 'delete-fargate-profile', '--cluster-name', 'eksworkshop', '--fargate-profile-name', 'batch'));
    expect(deleted.fargateProfile.status).toBe('DELETING');
  }, 120_000);

  it('elbv2 describe-load-balancers', async () => {
    const out = json<{ LoadBalancers: { DNSName: string; Type: string; Scheme: string }[] }>(await aws('elbv2', 'describe-load-balancers'));
    expect(out.LoadBalancers).toHaveLength(4);
    expect(out.LoadBalancers.map((l) => l.DNSName)).toContain('k8s-test3mix-nginxmix-9c4bce1473-4ae758d1b8d8bc46.elb.ap-southeast-1.amazonaws.com');
    expect(out.LoadBalancers.every((l) => l.Type === 'network' && l.Scheme === 'internet-facing')).toBe(true);
    const missing = await aws('elbv2', 'describe-load-balancers', '--names', 'k8s-nope');
    expect(missing.stderr).toContain('An error occurred (LoadBalancerNotFound) when calling the DescribeLoadBalancers operation');
  }, 60_000);

  it('ec2 describe-subnets with a tag filter', async () => {
    const all = json<{ Subnets: unknown[] }>(await aws('ec2', 'describe-subnets'));
    expect(all.Subnets).toHaveLength(6);
    const priv = json<{ Subnets: { SubnetId: string; MapPublicIpOnLaunch: boolean }[] }>(
      await aws('ec2', 'describe-subnets', '--filters', 'Name=tag:kubernetes.io/role/internal-elb,Values=1'),
    );
    expect(priv.Subnets.map((s) => s.SubnetId)).toEqual(SEED_PRIVATE_SUBNETS);
    expect(priv.Subnets.every((s) => s.MapPublicIpOnLaunch === false)).toBe(true);
  }, 60_000);
});
