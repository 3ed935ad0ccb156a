import { describe, expect, it } from 'vitest';
import { BenchArgError, parseBenchArgs } from './args';

describe('parseBenchArgs', () => {
  it('defaults to 1,000 nodes, 10,000 pods, 50 churn events a second and bench/results.json', () => {
    const a = parseBenchArgs([]);
    expect(a).toMatchObject({ nodes: 1000, pods: 10_000, churn: 50, json: 'bench/results.json', firstRowsRuns: 5, noBuild: false });
  });

  it('reads sizes, churn and the JSON file in both spellings', () => {
    expect(parseBenchArgs(['--nodes', '100', '--pods=1000', '--churn', '12.5', '--json', '/tmp/r.json', '--no-build'])).toMatchObject({
      nodes: 100,
      pods: 1000,
      churn: 12.5,
      json: '/tmp/r.json',
      noBuild: true,
    });
  });

  it('answers help', () => {
    expect(parseBenchArgs(['--nodes', '3', '--help'])).toBe('help');
  });

  it('names the flag and the problem', () => {
    const err = (argv: string[]) => {
      try {
        parseBenchArgs(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(BenchArgError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err(['--pods'])).toBe('--pods needs a value');
    expect(err(['--pods', '1e4'])).toBe('--pods 1e4: expected a whole number');
    expect(err(['--nodes', '1'])).toBe('--nodes 1: must be between 2 and 100000');
    expect(err(['--churn', '-1'])).toBe('--churn -1: must be zero or more');
    expect(err(['--filter-keys', '5'])).toBe('--filter-keys 5: must be between 20 and 1000');
    expect(err(['--pods', '5', '--pods', '6'])).toBe('--pods given twice');
    expect(err(['--bogus', '1'])).toBe('unknown option --bogus (try --help)');
    expect(err(['pods'])).toBe('unexpected argument "pods" (try --help)');
  });
});
