import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, parseCostQuery, serializeCostQuery } from './query';

const params = (s: string) => new URLSearchParams(s);

describe('cost query in the URL', () => {
  it('reads grouping and filters, and writes them back without defaults', () => {
    const { query, problems } = parseCostQuery(params('by=workload&ns=test3-mixed&place=fargate'));
    expect(query).toEqual({ by: 'workload', ns: 'test3-mixed', place: 'fargate' });
    expect(problems).toEqual([]);
    expect(serializeCostQuery(query)).toBe('by=workload&ns=test3-mixed&place=fargate');
    expect(serializeCostQuery(DEFAULT_QUERY)).toBe('');
  });

  it('replaces bad values by defaults and says which', () => {
    const { query, problems } = parseCostQuery(params('by=team&ns=Not_A_Namespace&place=moon'));
    expect(query).toEqual(DEFAULT_QUERY);
    expect(problems).toEqual([
      'by=team is not one of namespace, workload, profile, pool, capacity, pod: grouping by namespace',
      'ns=Not_A_Namespace is not a namespace name: showing all namespaces',
      'place=moon is not all, ec2 or fargate: showing both sides',
    ]);
  });
});
