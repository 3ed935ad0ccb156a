import { describe, expect, it } from 'vitest';
import { cidrContains, IpPool, isPublicSubnet, seedNetwork } from './network';

describe('IpPool', () => {
  it('never hands out the five addresses AWS reserves in every subnet', () => {
    // A /28 has 16 addresses; AWS keeps .0–.3 and .15, leaving 11.
    const pool = new IpPool('10.0.0.0/28');
    expect(pool.capacity).toBe(11);
    const got = new Set<string>();
    for (let i = 0; i < 11; i++) got.add(pool.allocate()!);
    expect(got.size).toBe(11);
    for (const reserved of ['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.15']) expect(got.has(reserved)).toBe(false);
    expect(pool.allocate()).toBeNull();
    pool.release('10.0.0.7');
    expect(pool.allocate()).toBe('10.0.0.7');
    expect(pool.take('10.0.0.1')).toBe(false);
  });

  it('allocates inside the block, also when drawing at random', () => {
    const pool = new IpPool('172.31.48.0/20');
    let x = 0.5;
    const rng = () => (x = (x * 9301 + 49297) % 233280 / 233280);
    for (let i = 0; i < 200; i++) expect(cidrContains('172.31.48.0/20', pool.allocate(rng)!)).toBe(true);
    expect(pool.free).toBe(4096 - 5 - 200);
  });
});

describe('seed network', () => {
  it('puts the seed node and pod addresses inside the seed private subnets, which have no internet gateway route', () => {
    const net = seedNetwork('ap-southeast-1', 'eksworkshop');
    const privateIds = ['subnet-04a7c6e7e1589c953', 'subnet-031022a6aab9b9e70', 'subnet-0eaf9054aa6daa68e'];
    for (const id of privateIds) expect(isPublicSubnet(net, id)).toBe(false);
    expect(net.subnets.filter((s) => isPublicSubnet(net, s.id))).toHaveLength(3);
    const seedIps = ['172.31.93.72', '172.31.53.43', '172.31.55.250', '172.31.67.70', '172.31.85.129', '172.31.53.255', '172.31.61.98', '172.31.84.94'];
    for (const ip of seedIps) expect(net.subnets.some((s) => privateIds.includes(s.id) && cidrContains(s.cidr, ip))).toBe(true);
    expect(net.subnets.find((s) => s.id === 'subnet-04a7c6e7e1589c953')?.az).toBe('ap-southeast-1a');
    expect(net.subnets.find((s) => s.id === 'subnet-0eaf9054aa6daa68e')?.azId).toBe('apse1-az3');
  });
});
