import { describe, expect, it } from 'vitest';
import { formatAge, formatCpu, formatDuration, formatMemory, formatMemoryBinary, formatRequest, formatSize, formatUSD, formatUse, shortNodeName } from './format';

const MI = 1024 * 1024;
const GI = 1024 * MI;

describe('formatCpu', () => {
  it('writes whole cores without a unit and fractions in millicores, as kubectl does', () => {
    expect(formatCpu(1000)).toBe('1');
    expect(formatCpu(500)).toBe('500m');
    expect(formatCpu(250)).toBe('250m');
    expect(formatCpu(0)).toBe('0');
    expect(formatCpu(4000)).toBe('4');
  });
});

describe('formatMemory', () => {
  it('shows the seed requests as they were written in the manifests', () => {
    // test2-fargate requests memory "750M", test3-mixed "1750M" (seed, sections 四 and 五).
    expect(formatMemory(750_000_000)).toBe('750M');
    expect(formatMemory(1_750_000_000)).toBe('1750M');
  });
  it('prefers binary suffixes when they divide exactly', () => {
    expect(formatMemory(512 * MI)).toBe('512Mi');
    expect(formatMemory(2 * GI)).toBe('2Gi');
    expect(formatMemory(3.75 * GI)).toBe('3840Mi');
    expect(formatMemory(256 * MI)).toBe('256Mi');
  });
  it('falls back to binary with one decimal for odd byte counts', () => {
    expect(formatMemory(750_000_001)).toBe('715.3Mi');
    expect(formatMemory(0)).toBe('0');
    expect(formatMemory(100)).toBe('100');
  });
  it('formatMemoryBinary shows the request plus 256 MiB of the seed example in MiB', () => {
    // 1750M + 256Mi = 2006 MiB in the seed's arithmetic (it reads 1750M as 1750 MiB); exactly 1924.9Mi.
    expect(formatMemoryBinary(1_750_000_000 + 256 * MI)).toBe('1924.9Mi');
    expect(formatMemoryBinary(4 * GI)).toBe('4096Mi');
    expect(formatMemoryBinary(20 * GI)).toBe('20Gi');
  });
});

describe('formatRequest', () => {
  it('joins cpu and memory as the REQUESTED column shows them', () => {
    expect(formatRequest({ cpuMillis: 500, memoryBytes: 750_000_000 })).toBe('500m / 750M');
    expect(formatRequest({ cpuMillis: 1000, memoryBytes: 1_750_000_000 })).toBe('1 / 1750M');
  });
});

describe('formatSize', () => {
  it('spells sizes exactly like the CapacityProvisioned annotation', () => {
    // Spellings recorded in docs/fargate-facts.md §2.11.
    expect(formatSize({ vcpu: 0.25, memoryGiB: 0.5 })).toBe('0.25vCPU 0.5GB');
    expect(formatSize({ vcpu: 0.5, memoryGiB: 1 })).toBe('0.5vCPU 1GB');
    expect(formatSize({ vcpu: 1, memoryGiB: 2 })).toBe('1vCPU 2GB');
    expect(formatSize({ vcpu: 2, memoryGiB: 9 })).toBe('2vCPU 9GB');
    expect(formatSize(null)).toBe('—');
  });
});

describe('formatUSD', () => {
  it('shows a Fargate pod hourly price with four decimals', () => {
    // ap-southeast-1: 0.5 vCPU × $0.05056 + 1 GB × $0.00553 = $0.03081 (docs/fargate-facts.md §4).
    expect(formatUSD(0.5 * 0.05056 + 1 * 0.00553)).toBe('$0.0308');
    // 1 vCPU × $0.05056 + 2 GB × $0.00553 = $0.06162.
    expect(formatUSD(0.05056 + 2 * 0.00553)).toBe('$0.0616');
  });
  it('uses cents and thousands separators from one dollar up', () => {
    expect(formatUSD(12.5)).toBe('$12.50');
    expect(formatUSD(1234)).toBe('$1,234.00');
    expect(formatUSD(0)).toBe('$0');
    expect(formatUSD(-0.5)).toBe('-$0.5000');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  it('matches the ages kubectl printed in the seed', () => {
    expect(formatAge(ago(71_000), now)).toBe('71s');
    expect(formatAge(ago(15 * 60_000), now)).toBe('15m');
    expect(formatAge(ago(11 * 3600_000), now)).toBe('11h');
  });
  it('follows kubectl precision bands', () => {
    expect(formatAge(ago(3 * 60_000 + 12_000), now)).toBe('3m12s');
    expect(formatAge(ago(5 * 60_000), now)).toBe('5m');
    expect(formatAge(ago(3 * 3600_000 + 12 * 60_000), now)).toBe('3h12m');
    expect(formatAge(ago(5 * 86_400_000), now)).toBe('5d');
    expect(formatAge(ago(5 * 86_400_000 + 3 * 3600_000), now)).toBe('5d3h');
    expect(formatAge(ago(45 * 86_400_000), now)).toBe('45d');
    expect(formatAge(ago((2 * 365 + 30) * 86_400_000), now)).toBe('2y30d');
  });
  it('says clearly when it cannot tell', () => {
    expect(formatAge(null, now)).toBe('—');
    expect(formatAge('yesterday', now)).toBe('?');
    expect(formatAge(new Date(now + 60_000).toISOString(), now)).toBe('<invalid>');
    expect(formatDuration(-500)).toBe('0s');
  });
});

describe('formatUse', () => {
  it('shows used, total and the share', () => {
    expect(formatUse(1250, 3920, formatCpu)).toBe('1250m/3920m 32%');
    expect(formatUse(0, 0, formatCpu)).toBe('0/0');
  });
});

describe('shortNodeName', () => {
  it('drops the AWS DNS suffix of node names from the seed', () => {
    expect(shortNodeName('fargate-ip-172-31-55-250.ap-southeast-1.compute.internal')).toBe('fargate-ip-172-31-55-250');
    expect(shortNodeName('ip-172-31-93-72.ap-southeast-1.compute.internal')).toBe('ip-172-31-93-72');
    expect(shortNodeName('fargate-ip-10-65-48-87.ec2.internal')).toBe('fargate-ip-10-65-48-87');
    expect(shortNodeName('kind-control-plane')).toBe('kind-control-plane');
    expect(shortNodeName('node.example.com')).toBe('node.example.com');
  });
});
