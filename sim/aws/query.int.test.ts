import { describe, expect, it } from 'vitest';
import { decodeMarker, ec2FilterMatch, encodeMarker, QueryParams } from './query';

describe('QueryParams', () => {
  it('reads awsQuery member lists and EC2 flattened lists in index order', () => {
    const q = new QueryParams('Action=DescribeLoadBalancers&Names.member.2=b&Names.member.1=a&SubnetId.10=s10&SubnetId.2=s2');
    expect(q.list('Names', true)).toEqual(['a', 'b']);
    expect(q.list('SubnetId', false)).toEqual(['s2', 's10']);
  });

  it('reads structures in lists', () => {
    const q = new QueryParams('Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&Filter.2.Name=tag%3Akubernetes.io%2Frole%2Felb&Filter.2.Value.1=1');
    expect(q.structs('Filter', false)).toEqual([
      { Name: 'vpc-id', 'Value.1': 'vpc-1' },
      { Name: 'tag:kubernetes.io/role/elb', 'Value.1': '1' },
    ]);
  });

  it('rejects out-of-range integers with a validation message naming the member', () => {
    expect(() => new QueryParams('PageSize=401').int('PageSize', 1, 400)).toThrow("Value '401' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400 inclusive");
  });
});

describe('EC2 filter wildcards', () => {
  it('supports * and ? and treats everything else literally', () => {
    expect(ec2FilterMatch('igw-*', 'igw-0a6c')).toBe(true);
    expect(ec2FilterMatch('subnet-0?', 'subnet-01')).toBe(true);
    expect(ec2FilterMatch('subnet-0?', 'subnet-012')).toBe(false);
    expect(ec2FilterMatch('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(ec2FilterMatch('a.c', 'abc')).toBe(false);
  });
});

describe('markers', () => {
  it('round-trip and refuse garbage', () => {
    expect(decodeMarker(encodeMarker(42))).toBe(42);
    expect(decodeMarker('not-a-marker')).toBeNull();
  });
});
