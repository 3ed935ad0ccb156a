/**
 * The simulator keeps its own copy of the Fargate rules (sim/rules) so that it can check the engine
 * (lib/fargate) instead of repeating it. Here both copies get the same inputs and must give the same answers:
 * the seed's pods, the view fixture's pods and profiles, and generated pod specs, quantities and profiles.
 * A disagreement means one copy is wrong; the documented cases at the top say which. Their expected values come
 * from AWS's documentation and the recorded pods in docs/fargate-facts.md, not from running either copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '@/fixtures/view';
import { formatCapacityProvisioned } from '@/lib/fargate/capacity';
import { matchProfile, wildcardMatch, type ProfileLike } from '@/lib/fargate/profiles';
import { parseBytes, parseCpuMillis } from '@/lib/fargate/quantity';
import { chooseSize, FARGATE_SIZES } from '@/lib/fargate/sizes';
import { sizePod } from '@/lib/fargate/sizing';
import type { PodSpecLike } from '@/lib/fargate/types';
import { readManifests } from '@/lib/k8s/manifest';
import { capacityProvisioned, SIM_FARGATE_SIZES } from '@/sim/rules/fargate-sizes';
import { fargateFit, smallestSizeFor, type PodSpecShape } from '@/sim/rules/fargate-sizing';
import { chooseProfile, globMatches, type ProfileShape } from '@/sim/rules/profile-match';
import { bytes, cpuMillis } from '@/sim/rules/quantity';

const RUNS = 400;
const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function outcome<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Both copies' answer for one pod spec, reduced to what the simulator writes and schedules by. */
function bothSizings(spec: unknown) {
  const engine = outcome(() => {
    const s = sizePod(spec as PodSpecLike);
    return { request: s.effective, memoryWithComponents: s.fargateMemoryBytes, size: s.size, capacityProvisioned: s.capacityProvisioned };
  });
  const sim = outcome(() => {
    const f = fargateFit(spec as PodSpecShape);
    return { request: f.request, memoryWithComponents: f.memoryWithComponents, size: f.size, capacityProvisioned: f.capacityProvisioned };
  });
  return { engine, sim };
}

function simSize(spec: PodSpecShape): string | null {
  return fargateFit(spec).capacityProvisioned;
}

function engineSize(spec: PodSpecShape): string | null {
  return sizePod(spec as PodSpecLike).capacityProvisioned;
}

const one = (resources: Record<string, Record<string, string>>) => ({ containers: [{ name: 'app', resources }] });

describe('documented cases (expected values from fargate-facts.md)', () => {
  const cases: [string, PodSpecShape, string | null][] = [
    // §2 rule 5, the user guide's own example: 1 vCPU + 8 GB + 256 MB fits no 1 vCPU size.
    ['1 vCPU / 8Gi is bumped to 2vCPU 9GB', one({ requests: { cpu: '1', memory: '8Gi' } }), '2vCPU 9GB'],
    // §2 rule 5, recorded pods: exact fits do not bump.
    ['256Mi + 256Mi lands exactly on 0.5GB', one({ requests: { memory: '256Mi' } }), '0.25vCPU 0.5GB'],
    ['768Mi + 256Mi lands exactly on 1GB', one({ requests: { memory: '768Mi' } }), '0.25vCPU 1GB'],
    // The recorded 3.75Gi pod got "2vCPU 4GB"; its CPU is not recorded, any request above 1 vCPU gives 2 vCPU.
    ['3.75Gi + 256Mi is exactly 4GB', one({ requests: { cpu: '2', memory: '3.75Gi' } }), '2vCPU 4GB'],
    // §2 rule 5: CPU rounds up too, and 0.5 vCPU starts at 1GB.
    ['256m needs 0.5 vCPU', one({ requests: { cpu: '256m' } }), '0.5vCPU 1GB'],
    // §2 rule 6: no requests at all get the smallest size.
    ['no requests: the smallest size', one({}), '0.25vCPU 0.5GB'],
    // §2 rule 7: a limits-only container is sized by its limits.
    ['limits only count as requests', one({ limits: { cpu: '1', memory: '2Gi' } }), '1vCPU 3GB'],
    // §2 rule 8, stacksimplify-app3: requests 1/2Gi, limits 2/4Gi, recorded "1vCPU 3GB".
    ['limits above requests are ignored', one({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } }), '1vCPU 3GB'],
    // Seed pods with their recorded annotations (fixtures/seed/README.md, fixtures/view).
    ['the seed test2 pod: 0.5 / 750M', one({ requests: { cpu: '0.5', memory: '750M' } }), '0.5vCPU 1GB'],
    ['the seed test3 pod: 1 / 1750M', one({ requests: { cpu: '1', memory: '1750M' } }), '1vCPU 2GB'],
    // §2 rules 1–3: the larger of the largest init container and the sum of the long-running ones, per resource.
    [
      'init containers: the largest one, against the sum of the others, per resource',
      {
        initContainers: [
          { name: 'migrate', resources: { requests: { cpu: '2', memory: '512Mi' } } },
          { name: 'warm', resources: { requests: { cpu: '250m', memory: '3Gi' } } },
        ],
        containers: [
          { name: 'web', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
          { name: 'log', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
        ],
      },
      // CPU max(2, 1) = 2 vCPU; memory max(3Gi, 2Gi) + 256Mi = 3.25 GiB → 2 vCPU starts at 4GB.
      '2vCPU 4GB',
    ],
    // §2 rule 10: 120Gi + 256Mi is above the largest size.
    ['16 vCPU / 120Gi exceeds the largest size', one({ requests: { cpu: '16', memory: '120Gi' } }), null],
    ['17 vCPU exceeds the largest size', one({ requests: { cpu: '17' } }), null],
  ];

  it.each(cases)('%s', (_, spec, expected) => {
    expect(simSize(spec)).toBe(expected);
    expect(engineSize(spec)).toBe(expected);
  });

  it('the first matching profile by name wins: beta-workload before prod-workload (§6)', () => {
    const profiles: ProfileShape[] = [
      { name: 'prod-workload', status: 'ACTIVE', selectors: [{ namespace: 'prod-*' }] },
      { name: 'beta-workload', status: 'ACTIVE', selectors: [{ namespace: 'prod-?' }, { namespace: 'prod-web' }] },
    ];
    const pod = { namespace: 'prod-web', labels: {} };
    expect(chooseProfile(pod, profiles)).toEqual({ profile: 'beta-workload', selectorIndex: 1 });
    expect(matchProfile(pod, profiles)).toEqual({ profile: 'beta-workload', selectorIndex: 1 });
  });

  it('`?` is exactly one character and `*` any run, in namespaces, label keys and values (§6)', () => {
    const profiles: ProfileShape[] = [{ name: 'p', status: 'ACTIVE', selectors: [{ namespace: 'team-?', labels: { 'app.kubernetes.io/*': 'web-*' } }] }];
    const pods = [
      [{ namespace: 'team-a', labels: { 'app.kubernetes.io/name': 'web-1' } }, 'p'],
      [{ namespace: 'team-ab', labels: { 'app.kubernetes.io/name': 'web-1' } }, null],
      [{ namespace: 'team-', labels: { 'app.kubernetes.io/name': 'web-' } }, null],
      [{ namespace: 'team-a', labels: { 'app.kubernetes.io/name': 'api' } }, null],
      [{ namespace: 'team-a', labels: {} }, null],
    ] as const;
    for (const [pod, expected] of pods) {
      expect(chooseProfile(pod, profiles)?.profile ?? null).toBe(expected);
      expect(matchProfile(pod, profiles)?.profile ?? null).toBe(expected);
    }
  });
});

describe('the size table', () => {
  it('both copies hold the same 74 combinations and print them the same way', () => {
    const key = (s: { vcpu: number; memoryGiB: number }) => `${s.vcpu}/${s.memoryGiB}`;
    expect(SIM_FARGATE_SIZES).toHaveLength(74);
    expect(new Set(SIM_FARGATE_SIZES.map(key)).size).toBe(74);
    expect(SIM_FARGATE_SIZES.map(key).sort()).toEqual(FARGATE_SIZES.map(key).sort());
    for (const s of SIM_FARGATE_SIZES) expect(capacityProvisioned(s)).toBe(formatCapacityProvisioned(s));
  });

  it('pick the same size on, just below and just above every boundary', () => {
    const near = fc.tuple(fc.constantFrom(...SIM_FARGATE_SIZES), fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.nat(3));
    fc.assert(
      fc.property(near, ([size, dc, dm, which]) => {
        const cpu = Math.max(0, size.vcpu * 1000 + (which & 1 ? dc : 0));
        const mem = Math.max(0, size.memoryGiB * GIB + (which & 2 ? dm : 0));
        expect(smallestSizeFor(cpu, mem)).toEqual(chooseSize(cpu, mem));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('quantities', () => {
  const SUFFIXES = ['', 'm', 'n', 'u', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'e3', 'E-3', 'e+9', 'e-12'];
  const quantity = fc.oneof(
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 22n }), fc.constantFrom(...SUFFIXES)).map(([n, s]) => `${n}${s}`),
    fc.tuple(fc.nat(99_999), fc.stringMatching(/^\d{0,6}$/), fc.constantFrom(...SUFFIXES)).map(([a, b, s]) => `${a}.${b}${s}`),
    fc.tuple(fc.stringMatching(/^\d{1,5}$/), fc.constantFrom(...SUFFIXES)).map(([b, s]) => `.${b}${s}`),
    fc.tuple(fc.constantFrom('+', '-', ''), fc.constantFrom('0', '1', '0.0', '2Gi')).map(([sign, q]) => `${sign}${q}`),
    fc.string({ unit: fc.constantFrom(...'0123456789.+-eEkKmMgGiInuTP \t'.split('')), maxLength: 24 }),
    fc.string({ maxLength: 20 }),
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.constantFrom('', ' ', '1e99999999999999999999', '1e-999999999', '9'.repeat(101), '9'.repeat(40), '1.5GB', '1e', '1.2.3', null, true, {}, ['1']),
  );

  it('parse CPU the same, or refuse it in the same words', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        expect(outcome(() => cpuMillis(q))).toEqual(outcome(() => parseCpuMillis(q as string)));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('parse bytes the same, or refuse them in the same words', () => {
    fc.assert(
      fc.property(quantity, (q) => {
        expect(outcome(() => bytes(q))).toEqual(outcome(() => parseBytes(q as string)));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

const fixture = loadFixture('eksworkshop');
const fixtureProfiles = (fixture.aws.eks?.profiles ?? []) as unknown as ProfileLike[];

describe('the seed and the fixtures', () => {
  const dir = path.join(import.meta.dirname, '..', 'fixtures', 'seed');
  const seedPods = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => readManifests(readFileSync(path.join(dir, f), 'utf8')).map((t) => ({ file: f, ...t })));

  it('read some pods and profiles', () => {
    expect(fixtureProfiles.map((p) => p.name).sort()).toEqual(['test2-fargate', 'test3-mixed']);
    expect(seedPods.length).toBeGreaterThanOrEqual(4);
    expect(fixture.objects.pods?.length).toBeGreaterThanOrEqual(10);
  });

  it('size every seed pod the same', () => {
    for (const t of seedPods) {
      const { engine, sim } = bothSizings(t.spec);
      expect(sim, `${t.file} ${t.name}`).toEqual(engine);
      expect(sim.ok).toBe(true);
    }
  });

  it('put every seed pod in the same profile', () => {
    for (const t of seedPods) {
      const pod = { namespace: t.namespace ?? 'default', labels: t.labels };
      expect(chooseProfile(pod, fixtureProfiles), `${t.file} ${t.name}`).toEqual(matchProfile(pod, fixtureProfiles));
    }
  });

  it('size every fixture pod the same, and as recorded where the pod carries CapacityProvisioned', () => {
    let recorded = 0;
    for (const p of fixture.objects.pods ?? []) {
      const { engine, sim } = bothSizings(p.spec);
      expect(sim, p.metadata.name).toEqual(engine);
      const annotation = p.metadata.annotations?.CapacityProvisioned;
      if (annotation && sim.ok) {
        recorded++;
        expect(sim.value.capacityProvisioned).toBe(annotation);
      }
    }
    expect(recorded).toBeGreaterThanOrEqual(4);
  });

  it('put every fixture pod in the same profile, the one it is labelled with when on Fargate', () => {
    for (const p of fixture.objects.pods ?? []) {
      const pod = { namespace: p.metadata.namespace ?? 'default', labels: { ...p.metadata.labels } };
      const sim = chooseProfile(pod, fixtureProfiles);
      expect(sim, p.metadata.name).toEqual(matchProfile(pod, fixtureProfiles));
      const onFargate = p.metadata.labels?.['eks.amazonaws.com/fargate-profile'];
      if (onFargate) expect(sim?.profile).toBe(onFargate);
    }
  });
});

describe('generated pod specs', () => {
  const cpu = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((m) => `${m}m`) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(17), fc.nat(999)).map(([a, b]) => `${a}.${b}`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 17 }) },
    { weight: 1, arbitrary: fc.constantFrom(0.1, 0.25, 0.5, 1.5, '1e3m', '2500e-3', '0.0001') },
  );
  const memory = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 130_000 }).map((n) => `${n}Mi`) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 130 }).map((n) => `${n}Gi`) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 130_000 }).map((n) => `${n}M`) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(120), fc.constantFrom(25, 5, 75, 125)).map(([a, b]) => `${a}.${b}Gi`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('512Mi', '1G', '1.5e9', '262144Ki', '750M', '1750M', '256Mi', '768Mi', '3.75Gi') },
  );
  // Rare on purpose: a malformed quantity ends the pod's sizing, both copies must say the same about it.
  const broken = fc.constantFrom('1.5GB', 'lots', '', ' 1', '-1', '1e', {}, true);
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
  const resourceMap = fc
    .record({ cpu: maybe(cpu), memory: maybe(memory), storage: maybe(fc.constantFrom('1Gi', '20Gi', '100G')), bad: fc.option(fc.tuple(fc.constantFrom('cpu', 'memory', 'ephemeral-storage'), broken), { nil: undefined, freq: 30 }) })
    .map(({ cpu: c, memory: m, storage, bad }) => {
      const out: Record<string, unknown> = {};
      if (c !== undefined) out.cpu = c;
      if (m !== undefined) out.memory = m;
      if (storage !== undefined) out['ephemeral-storage'] = storage;
      if (bad) out[bad[0]] = bad[1];
      return out;
    });
  const container = fc.record(
    {
      name: fc.constantFrom('app', 'sidecar', 'init', '', 'web"x'),
      resources: fc.record({ requests: resourceMap, limits: resourceMap }, { requiredKeys: [] }),
    },
    { requiredKeys: ['name'] },
  );
  const initContainer = fc
    .tuple(container, fc.constantFrom(undefined, undefined, 'Always'))
    .map(([c, restartPolicy]) => (restartPolicy ? { ...c, restartPolicy } : c));
  const spec = fc.record(
    {
      containers: fc.array(container, { minLength: 1, maxLength: 4 }),
      initContainers: fc.array(initContainer, { maxLength: 4 }),
      overhead: fc.record({ cpu: cpu, memory: memory }, { requiredKeys: [] }),
    },
    { requiredKeys: ['containers'] },
  );

  it('refuse a malformed overhead alike, although neither adds overhead to the size (found by the property below)', () => {
    const { engine, sim } = bothSizings({ containers: [{ name: 'app' }], overhead: { cpu: '1e3m' } });
    expect(engine.ok).toBe(false);
    expect(sim).toEqual(engine);
  });

  it('get the same request, size and CapacityProvisioned from both copies, or the same refusal', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const { engine, sim } = bothSizings(s);
        expect(sim).toEqual(engine);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('generated profiles', () => {
  const PATTERN_UNITS = ['a', 'b', '-', '*', '?', 'é', '😀'];
  const TEXT_UNITS = ['a', 'b', '-', 'é', '😀'];
  const pattern = fc.string({ unit: fc.constantFrom(...PATTERN_UNITS), maxLength: 6 });
  const text = fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 6 });
  const names = ['alpha', 'beta-workload', 'prod-workload', 'b', 'B', '0-first', 'zeta'];

  it('wildcards match the same strings', () => {
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(globMatches(p, t)).toBe(wildcardMatch(p, t));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  const labelKeys = fc.constantFrom('app', 'tier', 'a?p', 'ti*', '*');
  const selector = fc.record(
    { namespace: pattern, labels: fc.dictionary(labelKeys, pattern, { maxKeys: 3 }) },
    { requiredKeys: ['namespace'] },
  );
  const profiles = fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...names), status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'CREATING', 'DELETING'), selectors: fc.array(selector, { minLength: 1, maxLength: 5 }) }),
    { selector: (p) => p.name, maxLength: 5 },
  );
  const pod = fc.record({
    namespace: text,
    labels: fc
      .tuple(fc.dictionary(fc.constantFrom('app', 'tier', 'aap', 'time'), text, { maxKeys: 3 }), fc.option(fc.constantFrom(...names, 'missing'), { freq: 5 }))
      .map(([labels, pin]) => (pin ? { ...labels, 'eks.amazonaws.com/fargate-profile': pin } : labels)),
  });

  it('put a pod in the same profile, by the same selector, or in none', () => {
    fc.assert(
      fc.property(pod, profiles, (p, ps) => {
        expect(chooseProfile(p, ps)).toEqual(matchProfile(p, ps));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

// Unit guard: the simulator's memory constants are what the table's GB mean.
it('256 MiB of overhead, GiB-sized table', () => {
  expect(fargateFit({ containers: [] }).memoryWithComponents).toBe(256 * MIB);
  expect(smallestSizeFor(0, 0.5 * GIB)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
});
