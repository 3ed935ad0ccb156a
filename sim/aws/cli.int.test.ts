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

describe('the Price List Query API and Spot price history, through the AWS CLI', () => {
  type Products = { PriceList: string[]; NextToken?: string; FormatVersion: string };
  const ec2Filters = (type: string) =>
    ['regionCode=ap-southeast-1', `instanceType=${type}`, 'operatingSystem=Linux', 'tenancy=Shared', 'preInstalledSw=NA', 'capacitystatus=Used'].map((f) => `Type=TERM_MATCH,Field=${f.split('=')[0]},Value=${f.split('=')[1]}`);

  it('pricing get-products: one Linux shared On-Demand product per type, its price document a JSON string shaped as AWS writes it', async () => {
    const r = json<Products>(await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonEC2', '--filters', ...ec2Filters('m6g.large')));
    expect(r.FormatVersion).toBe('aws_v1');
    expect(r.PriceList).toHaveLength(1);
    const doc = JSON.parse(r.PriceList[0]) as {
      product: { productFamily: string; attributes: Record<string, string>; sku: string };
      terms: { OnDemand: Record<string, { offerTermCode: string; priceDimensions: Record<string, { unit: string; pricePerUnit: { USD: string } }> }> };
    };
    expect(doc.product.productFamily).toBe('Compute Instance');
    expect(doc.product.attributes).toMatchObject({ instanceType: 'm6g.large', usagetype: 'APS1-BoxUsage:m6g.large', location: 'Asia Pacific (Singapore)', physicalProcessor: 'AWS Graviton2 Processor' });
    const [termKey, term] = Object.entries(doc.terms.OnDemand)[0];
    expect(termKey).toBe(`${doc.product.sku}.JRTCKXETXF`);
    const [rateKey, dim] = Object.entries(term.priceDimensions)[0];
    expect(rateKey).toBe(`${termKey}.6YS6EN2CT7`);
    expect(dim.unit).toBe('Hrs');
    expect(dim.pricePerUnit.USD).toMatch(/^0\.\d{10}$/);
  }, 60_000);

  it('pricing get-products pages with MaxResults and NextToken, and refuses a bad token and an unknown service', async () => {
    const first = json<Products>(await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonECS', '--filters', 'Type=TERM_MATCH,Field=regionCode,Value=ap-southeast-1', '--max-results', '2', '--no-paginate'));
    expect(first.PriceList).toHaveLength(2);
    expect(first.NextToken).toMatch(/^[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    // The CLI follows the token itself without --no-paginate: all five Fargate rows of the region.
    const all = json<Products>(await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonECS', '--filters', 'Type=TERM_MATCH,Field=regionCode,Value=ap-southeast-1', '--page-size', '2'));
    const usage = all.PriceList.map((s) => (JSON.parse(s) as { product: { attributes: { usagetype: string } } }).product.attributes.usagetype).sort();
    expect(usage).toEqual(['APS1-Fargate-ARM-GB-Hours', 'APS1-Fargate-ARM-vCPU-Hours:perCPU', 'APS1-Fargate-EphemeralStorage-GB-Hours', 'APS1-Fargate-GB-Hours', 'APS1-Fargate-vCPU-Hours:perCPU']);
    const bad = await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonEC2', '--starting-token', 'nope', '--max-items', '1');
    expect(bad.code).not.toBe(0);
    const unknown = await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonNope');
    expect(unknown.stderr).toContain('(NotFoundException)');
    const wrongRegion = await aws('pricing', 'get-products', '--region', 'ap-southeast-1', '--service-code', 'AmazonEC2');
    expect(wrongRegion.stderr).toContain('served in us-east-1, eu-central-1, ap-south-1');
  }, 60_000);

  it('pricing describe-services and get-attribute-values', async () => {
    const svc = json<{ Services: { ServiceCode: string; AttributeNames: string[] }[] }>(await aws('pricing', 'describe-services', '--region', 'us-east-1', '--service-code', 'AmazonEC2'));
    expect(svc.Services[0].ServiceCode).toBe('AmazonEC2');
    expect(svc.Services[0].AttributeNames).toEqual(expect.arrayContaining(['instanceType', 'capacitystatus', 'tenancy', 'operatingSystem', 'regionCode', 'usagetype']));
    const vals = json<{ AttributeValues: { Value: string }[] }>(await aws('pricing', 'get-attribute-values', '--region', 'us-east-1', '--service-code', 'AmazonEC2', '--attribute-name', 'tenancy'));
    expect(vals.AttributeValues.map((v) => v.Value)).toEqual(['Dedicated', 'Shared']);
  }, 60_000);

  it('ec2 describe-spot-price-history: the price in effect per zone, a string of six decimals, below On-Demand', async () => {
    const now = new Date().toISOString();
    const r = json<{ SpotPriceHistory: { AvailabilityZone: string; InstanceType: string; ProductDescription: string; SpotPrice: string; Timestamp: string }[] }>(
      await aws('ec2', 'describe-spot-price-history', '--instance-types', 'm5.large', '--product-descriptions', 'Linux/UNIX', '--start-time', now),
    );
    expect(r.SpotPriceHistory.map((h) => h.AvailabilityZone).sort()).toEqual(['ap-southeast-1a', 'ap-southeast-1b', 'ap-southeast-1c']);
    const odDoc = JSON.parse(json<Products>(await aws('pricing', 'get-products', '--region', 'us-east-1', '--service-code', 'AmazonEC2', '--filters', ...ec2Filters('m5.large'))).PriceList[0]) as {
      terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> };
    };
    const od = Number(Object.values(Object.values(odDoc.terms.OnDemand)[0].priceDimensions)[0].pricePerUnit.USD);
    for (const h of r.SpotPriceHistory) {
      expect(h.SpotPrice).toMatch(/^0\.\d{6}$/);
      expect(Number(h.SpotPrice)).toBeLessThan(od * 0.5);
      expect(Date.parse(h.Timestamp)).toBeLessThanOrEqual(Date.parse(now));
    }
    // A day of history: hourly changes, newest first.
    const day = json<{ SpotPriceHistory: { Timestamp: string }[] }>(
      await aws('ec2', 'describe-spot-price-history', '--instance-types', 'm5.large', '--product-descriptions', 'Linux/UNIX', '--availability-zone', 'ap-southeast-1a', '--start-time', new Date(Date.now() - 6 * 3600_000).toISOString()),
    );
    expect(day.SpotPriceHistory.length).toBeGreaterThanOrEqual(6);
    const times = day.SpotPriceHistory.map((h) => Date.parse(h.Timestamp));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  }, 60_000);
});

describe('EKS version calendar, through the AWS CLI', () => {
  it('eks describe-cluster-versions: the release calendar, each version’s status at the simulator’s clock', async () => {
    const r = json<{ clusterVersions: { clusterVersion: string; versionStatus: string; endOfStandardSupportDate: number; endOfExtendedSupportDate: number }[] }>(
      await aws('eks', 'describe-cluster-versions', '--cluster-versions', '1.28', '1.33'),
    );
    const v128 = r.clusterVersions.find((v) => v.clusterVersion === '1.28');
    // EKS release calendar: 1.28 left standard support on 2024-11-26 and extended support on 2025-11-26.
    expect(new Date(v128!.endOfStandardSupportDate * 1000).toISOString().slice(0, 10)).toBe('2024-11-26');
    expect(new Date(v128!.endOfExtendedSupportDate * 1000).toISOString().slice(0, 10)).toBe('2025-11-26');
    expect(v128?.versionStatus).toBe(Date.now() < Date.parse('2025-11-26') ? 'EXTENDED_SUPPORT' : 'UNSUPPORTED');
    expect(r.clusterVersions.map((v) => v.clusterVersion)).toEqual(['1.28', '1.33']);
  }, 60_000);
});
