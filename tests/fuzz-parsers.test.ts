/**
 * The parsers that take text from outside — Kubernetes quantities (a manifest or the cluster), the
 * CapacityProvisioned annotation (the cluster), and the manifest reader (a pasted what-if) — under fast-check:
 * whatever arrives, they answer or throw their own typed error, never anything else, and quickly; what they accept
 * survives a round trip. Expected values in the round trips come from the quantity grammar (Kubernetes' suffix
 * definitions) and AWS's annotation format, not from running this code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCapacityProvisioned, parseCapacityProvisioned } from '@/lib/fargate/capacity';
import { formatBytes, formatCpu, parseBytes, parseCpuMillis, parseQuantityValue, QuantityError } from '@/lib/fargate/quantity';
import { FARGATE_SIZES } from '@/lib/fargate/sizes';
import { ManifestError, readManifests } from '@/lib/k8s/manifest';

const RUNS = 1000;
// Each manifest case parses YAML: fewer runs keep this file to seconds in `npm run check`.
const MANIFEST_RUNS = 300;
const SUFFIXES = ['', 'm', 'k', 'M', 'G', 'T', 'Ki', 'Mi', 'Gi', 'Ti', 'n', 'u', 'e3', 'E-2', 'e+6'];

/** Strings shaped like quantities, and plenty that are nearly so. */
const quantityish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.+-eEkKmMgGiInuTP '.split('')), maxLength: 30 }),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom(...SUFFIXES)).map(([n, s]) => `${n}${s}`),
  fc.tuple(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...SUFFIXES)).map(([a, b, s]) => `${a}.${b}${s}`),
  fc.constantFrom('1e999999999', '1e-999999999', '9'.repeat(5000), '0x10', 'Infinity', 'NaN', '１', '٣', '1\u00a0Gi', '\u0000', '--1', '1..2'),
);

/** Calls fn, returning how it ended; anything thrown that is not of `type` fails the property. */
function only<T>(fn: () => T, type: new (...a: never[]) => Error): T | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof type) return null;
    throw e;
  }
}

describe('quantity parser under fuzzing', () => {
  // Time limits are per input and generous (the machine is shared): they catch exponential blow-ups, not jitter.
  it('answers a non-negative safe integer or throws QuantityError, never slowly', () => {
    fc.assert(
      fc.property(quantityish, (q) => {
        const started = performance.now();
        for (const parse of [parseCpuMillis, parseBytes, parseQuantityValue]) {
          const v = only(() => parse(q), QuantityError);
          if (v !== null) {
            expect(Number.isSafeInteger(v) || Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: RUNS },
    );
  });

  it('numbers too: NaN, infinities and negatives are QuantityErrors, not crashes', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const v = only(() => parseCpuMillis(n), QuantityError);
        if (v !== null) expect(v).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips CPU: formatCpu(millis) parses back to the same millicores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (millis) => {
        expect(parseCpuMillis(formatCpu(millis))).toBe(millis);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips memory given in binary units: n Mi, n Gi, n Ki are n·2^20, n·2^30, n·2^10 bytes', () => {
    // Below 10000 units formatBytes writes the value exactly (above, it rounds for people), so it must read back.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999 }), fc.constantFrom<[string, number]>(['Ki', 2 ** 10], ['Mi', 2 ** 20], ['Gi', 2 ** 30]), (n, [unit, size]) => {
        const bytes = parseBytes(`${n}${unit}`);
        expect(bytes).toBe(n * size);
        expect(parseBytes(formatBytes(bytes))).toBe(bytes);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('CapacityProvisioned under fuzzing', () => {
  it('never throws on anything the cluster could hold in an annotation', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 100 }), fc.anything()), (s) => {
        const v = parseCapacityProvisioned(s);
        if (v !== null) {
          expect(v.vcpu).toBeGreaterThan(0);
          expect(v.memoryGiB).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips every size AWS writes, and tolerates only spacing and case around it', () => {
    for (const size of FARGATE_SIZES) {
      const text = formatCapacityProvisioned(size);
      expect(parseCapacityProvisioned(text)).toEqual(size);
    }
    fc.assert(
      fc.property(fc.constantFrom(...FARGATE_SIZES), fc.constantFrom('', ' ', '  '), fc.boolean(), (size, pad, upper) => {
        let text = `${pad}${formatCapacityProvisioned(size)}${pad}`;
        if (upper) text = text.toUpperCase();
        expect(parseCapacityProvisioned(text)).toEqual(size);
      }),
      { numRuns: 500 },
    );
    // The seed's and the docs' recorded examples.
    expect(parseCapacityProvisioned('0.25vCPU 0.5GB')).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    expect(parseCapacityProvisioned('1vCPU 2GB')).toEqual({ vcpu: 1, memoryGiB: 2 });
    expect(parseCapacityProvisioned('2vCPU 9GB')).toEqual({ vcpu: 2, memoryGiB: 9 });
  });
});

/** YAML-ish text: fragments of real manifests shuffled with noise, anchors and aliases. */
const FRAGMENTS = [
  'apiVersion: v1\n', 'apiVersion: apps/v1\n', 'kind: Pod\n', 'kind: Deployment\n', 'kind: List\n', 'metadata:\n', '  name: web\n', '  namespace: test2-fargate\n',
  'spec:\n', '  replicas: 3\n', '  template:\n', '    spec:\n', '  containers:\n', '  - name: c\n', '    image: nginx\n', '    resources:\n', '      requests:\n',
  '        cpu: 500m\n', '        memory: 750M\n', '        memory: 1.5Gi\n', '        cpu: "-1"\n', '---\n', 'items:\n', '- &a {x: 1}\n', '- *a\n', '<<: *a\n',
  '{"kind": "Pod", "spec": {"containers": []}}\n', '[', ']', '{', '}', ': ', '- ', '"', "'", '\t', '\u0000', '\uFEFF', 'ünïcödé: 🙂\n', '!!binary AAAA\n', '!custom x\n',
];
const yamlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
);

describe('manifest reader under fuzzing', () => {
  it('returns templates or throws ManifestError or QuantityError, never anything else, never slowly', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const started = performance.now();
        try {
          const templates = readManifests(text, { maxBytes: 64 * 1024 });
          for (const t of templates) {
            expect(typeof t.kind).toBe('string');
            expect(t.replicas).toBeGreaterThanOrEqual(0);
            expect(t.document).toBeGreaterThanOrEqual(1);
          }
        } catch (e) {
          if (!(e instanceof ManifestError) && !(e instanceof QuantityError)) throw e;
        }
        expect(performance.now() - started).toBeLessThan(2000);
      }),
      { numRuns: MANIFEST_RUNS },
    );
  });

  it('round-trips a generated Deployment: what is written is what is read', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 16_000 }), fc.integer({ min: 1, max: 65_536 }), (n, ns, replicas, cpu, memMi) => {
        const text = [
          'apiVersion: apps/v1',
          'kind: Deployment',
          `metadata: {name: ${n}, namespace: ${ns}}`,
          'spec:',
          `  replicas: ${replicas}`,
          '  template:',
          `    metadata: {labels: {app: ${n}}}`,
          '    spec:',
          '      containers:',
          `      - {name: c, image: nginx, resources: {requests: {cpu: ${cpu}m, memory: ${memMi}Mi}}}`,
        ].join('\n');
        const [t] = readManifests(text);
        expect(t).toMatchObject({ kind: 'Deployment', name: n, namespace: ns, replicas, labels: { app: n } });
        const c = (t.spec.containers ?? [])[0] as { resources?: { requests?: Record<string, string> } };
        expect(parseCpuMillis(c.resources?.requests?.cpu ?? '')).toBe(cpu);
        expect(parseBytes(c.resources?.requests?.memory ?? '')).toBe(memMi * 2 ** 20);
      }),
      { numRuns: MANIFEST_RUNS },
    );
  });

  it('refuses alias bombs and oversized input with ManifestError, quickly', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 10; i++) bomb.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(',')}]`);
    const started = performance.now();
    expect(() => readManifests(bomb.join('\n'))).toThrow(ManifestError);
    expect(() => readManifests('x'.repeat(6 * 1024 * 1024))).toThrow(ManifestError);
    expect(() => readManifests('a: 1\n'.repeat(10) + '\u0000')).toThrow(ManifestError);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
