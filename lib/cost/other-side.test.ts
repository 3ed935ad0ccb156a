import { describe, expect, it } from 'vitest';
import { costBasis, summarize } from './summary';
import { DEFAULT_QUERY } from './query';
import { apse1, handView } from './test-support/hand-view';

describe('other-side estimate', () => {
  const s = summarize(costBasis(handView(), apse1()), DEFAULT_QUERY);
  const row = (w: string) => s.otherSide.find((r) => r.workload === w)!;

  it('uses the cluster’s own node type as the EC2 reference and states the method', () => {
    expect(s.otherSideMethod.reference).toEqual({ instanceType: 't3.xlarge', hourlyUSD: 0.2112, allocatable: { cpuMillis: 4000, memoryBytes: 16 * 1024 ** 3 }, nodes: 1 });
    expect(s.otherSideMethod.ec2).toMatch(/requested share of a t3\.xlarge \(\$0\.2112\/hour, 4 CPU and 16Gi allocatable\), half by CPU and half by memory/);
    expect(s.otherSideMethod.fargate).toMatch(/request \+ 256 MiB, rounded up .*\(\$0\.05056\/vCPU-hour, \$0\.00553\/GB-hour/);
  });

  it('prices EC2 workloads on Fargate at the size their requests need', () => {
    // coredns 1000m / 4 GiB: 4 GiB + 256 MiB needs 1vCPU 5GB = 0.05056 + 5 × 0.00553 = 0.07821
    expect(row('Deployment/coredns').nowHourlyUSD).toBeCloseTo(0.0528, 9);
    expect(row('Deployment/coredns').fargateHourlyUSD).toBeCloseTo(0.07821, 9);
    expect(row('Deployment/coredns').ec2HourlyUSD).toBeCloseTo(0.0528, 9);
    // web 2000m, no memory: 2 vCPU's smallest size is 4 GB: 2 × 0.05056 + 4 × 0.00553 = 0.12324
    expect(row('Deployment/web').fargateHourlyUSD).toBeCloseTo(0.12324, 9);
  });

  it('prices Fargate workloads on EC2 at their requested share of the reference node', () => {
    // per pod 0.2112 × (½ × 500/4000 + ½ × 750 MB / 16 GiB) = 0.0178100467…, two pods
    expect(row('Deployment/nginx-fargate-pod').ec2HourlyUSD).toBeCloseTo(0.03562009348869324, 8);
    expect(row('Deployment/nginx-fargate-pod').fargateHourlyUSD).toBeCloseTo(0.06162, 9);
    // per pod 0.2112 × (½ × 1000/4000 + ½ × 1750 MB / 16 GiB) = 0.0371567757…, two pods
    expect(row('Deployment/nginx-mixed-fargate').ec2HourlyUSD).toBeCloseTo(0.07431355147361755, 8);
  });

  it('a pending pod costs nothing now and is priced on both sides', () => {
    const batch = row('Deployment/batch');
    expect(batch.nowHourlyUSD).toBe(0);
    // 8 CPU / 1 GiB: 8vCPU 16GB = 8 × 0.05056 + 16 × 0.00553 = 0.49296; on EC2 the CPU share is capped at the whole node:
    // 0.2112 × (½ × 1 + ½ × 1/16) = 0.1122
    expect(batch.fargateHourlyUSD).toBeCloseTo(0.49296, 9);
    expect(batch.ec2HourlyUSD).toBeCloseTo(0.1122, 9);
  });

  it('DaemonSets have no Fargate figure, and without an EC2 node there is no EC2 figure for Fargate pods', () => {
    const v = handView();
    v.pods[0].workload = { kind: 'DaemonSet', name: 'aws-node' };
    const s2 = summarize(costBasis(v, apse1()), DEFAULT_QUERY);
    const ds = s2.otherSide.find((r) => r.workload === 'DaemonSet/aws-node')!;
    expect(ds.fargateHourlyUSD).toBeNull();
    expect(ds.notes).toContain("DaemonSets don't run on Fargate");

    const noEc2 = handView();
    noEc2.nodes = [];
    const s3 = summarize(costBasis(noEc2, apse1()), DEFAULT_QUERY);
    expect(s3.otherSideMethod.reference).toBeNull();
    const fp = s3.otherSide.find((r) => r.workload === 'Deployment/nginx-fargate-pod')!;
    expect(fp.ec2HourlyUSD).toBeNull();
    expect(fp.notes).toContain('no priced EC2 node to compare with');
  });
});
