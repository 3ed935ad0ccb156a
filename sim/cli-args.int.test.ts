import { describe, expect, it } from 'vitest';
import { ArgError, parseSimArgs, usage } from './cli-args';

const SCENARIOS = ['eksworkshop', 'empty', 'scale'];
const parse = (...argv: string[]) => parseSimArgs(argv, SCENARIOS);

describe('parseSimArgs', () => {
  it('applies the documented defaults', () => {
    expect(parse('--scenario', 'eksworkshop')).toEqual({
      scenario: 'eksworkshop',
      port: 0,
      awsPort: 0,
      stateDir: '.farview/sim',
      speed: 1,
      churn: 0,
      spotInterruptions: 0,
      faults: '',
      metrics: 'on',
      seed: 1,
      nodes: undefined,
      pods: undefined,
      verbose: false,
    });
  });

  it('reads every option, in both --k v and --k=v forms', () => {
    expect(
      parse('--scenario=scale', '--port', '6443', '--aws-port=4566', '--state-dir', '/tmp/x', '--speed', '20', '--churn=0.5', '--spot-interruptions', '30', '--faults', 'error=0.05', '--metrics=forbidden', '--seed', '42', '--nodes', '1000', '--pods=10000', '--verbose'),
    ).toEqual({ scenario: 'scale', port: 6443, awsPort: 4566, stateDir: '/tmp/x', speed: 20, churn: 0.5, spotInterruptions: 30, faults: 'error=0.05', metrics: 'forbidden', seed: 42, nodes: 1000, pods: 10_000, verbose: true });
  });

  it('returns help for --help', () => {
    expect(parse('--help')).toBe('help');
    expect(usage(SCENARIOS)).toContain('eksworkshop, empty, scale');
    expect(usage(SCENARIOS)).toContain('drop-watch=DUR');
  });

  it('rejects bad arguments with one-line messages', () => {
    const cases: [string[], RegExp][] = [
      [[], /--scenario is required/],
      [['--scenario', 'nope'], /unknown scenario "nope"/],
      [['--scenario', 'empty', '--port', 'x'], /--port x: expected a whole number/],
      [['--scenario', 'empty', '--port', '70000'], /between 0 and 65535/],
      [['--scenario', 'empty', '--speed', '0'], /--speed 0: must be greater than 0/],
      [['--scenario', 'empty', '--churn', '-1'], /--churn -1: must be zero or more/],
      [['--scenario', 'empty', '--faults', 'bogus=1'], /unknown key "bogus"/],
      [['--scenario', 'empty', '--frobnicate'], /unknown option --frobnicate/],
      [['--scenario', 'empty', '--metrics', 'maybe'], /--metrics must be one of on, off, forbidden, unavailable; got "maybe"/],
      [['--scenario'], /--scenario needs a value/],
      [['--scenario', 'empty', 'stray'], /unexpected argument "stray"/],
      [['--scenario', 'empty', '--seed', '1', '--seed', '2'], /--seed given twice/],
    ];
    for (const [argv, msg] of cases) {
      let err: unknown;
      try {
        parse(...argv);
      } catch (e) {
        err = e;
      }
      expect(err, argv.join(' ')).toBeInstanceOf(ArgError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
