import { describe, expect, it } from 'vitest';
import { csvField, groupsCsv, linesCsv, toCsv } from './csv';
import { costBasis, summarize } from './summary';
import { apse1, handView } from './test-support/hand-view';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-0.5)).toBe('-0.5'); // numbers are numbers
    expect(csvField(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('exports the grouped rows with the total, the moment and the prices', () => {
    const s = summarize(costBasis(handView(), apse1()), { by: 'namespace', ns: null, place: 'all' });
    const lines = groupsCsv(s).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 8)).toEqual(['namespace', 'idle', 'pods', 'ec2_pods', 'fargate_pods', 'pending_pods', 'usd_per_hour', 'usd_per_month']);
    expect(lines[0].endsWith(',at,price_region,prices_read')).toBe(true);
    const t3 = lines.find((l) => l.startsWith('test3-mixed,'))!.split(',');
    // 2 pods × 0.06162 = 0.12324/h, × 730 = 89.9652/month
    expect(t3.slice(0, 8)).toEqual(['test3-mixed', 'false', '2', '0', '2', '0', '0.12324', '89.9652']);
    expect(t3.slice(-3)).toEqual(['2026-03-26 12:00:00 UTC', 'ap-southeast-1', '2026-08-21']);
    const total = lines[lines.length - 1].split(',');
    expect(total.slice(0, 8)).toEqual(['Total', 'false', '7', '2', '4', '1', '0.39606', '289.1238']);
    expect(lines).toHaveLength(1 + 5 + 1);
  });

  it('exports every line, idle capacity included', () => {
    const b = costBasis(handView(), apse1());
    const rows = linesCsv(b.lines, b.at, b.prices).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 8);
    expect(rows[rows.length - 1]).toMatch(/^idle,,ip-10-0-1-10\.ap-southeast-1\.compute\.internal,,ec2,,nodegroup\/managed-ng,On-Demand,/);
  });
});
