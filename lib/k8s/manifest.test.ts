import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, readManifests } from './manifest';

const seed = (name: string) => readFileSync(path.join(__dirname, '../../fixtures/seed', name), 'utf8');

function errorOf(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

describe('the seed manifests', () => {
  it('test2-fargate.yaml: Namespace and Service skipped, the Deployment read', () => {
    const [t, ...rest] = readManifests(seed('test2-fargate.yaml'));
    expect(rest).toEqual([]);
    expect(t).toMatchObject({
      kind: 'Deployment',
      namespace: 'test2-fargate',
      name: 'nginx-fargate-pod',
      replicas: 2,
      labels: { app: 'nginx-fargate-pod' },
      document: 2,
      specPath: 'spec.template.spec',
      warnings: [],
    });
    expect(t.spec.containers[0].resources?.requests).toEqual({ cpu: '0.5', memory: '750M' });
  });

  it('test3-mixed-fargate.yaml: the pod labels carry runon=fargate', () => {
    const [t] = readManifests(seed('test3-mixed-fargate.yaml'));
    expect(t.labels).toEqual({ app: 'nginx-mixed-fargate', runon: 'fargate' });
    expect(t.document).toBe(1);
    expect(t.spec.containers[0].resources?.requests).toEqual({ cpu: '1', memory: '1750M' });
  });

  it('test1-ec2nodegroup.yaml and test3-mixed-ec2.yaml: no resources', () => {
    const [a] = readManifests(seed('test1-ec2nodegroup.yaml'));
    expect(a).toMatchObject({ name: 'nginx-ec2nodegroup', namespace: 'test1-ec2nodegroup', replicas: 2 });
    expect(a.spec.containers[0].resources).toBeUndefined();
    expect(readManifests(seed('test3-mixed-ec2.yaml')).map((t) => t.name)).toEqual(['nginx-mixed-ec2']);
  });

  it('test3-mixed-namespace.yaml holds no pods', () => {
    expect(readManifests(seed('test3-mixed-namespace.yaml'))).toEqual([]);
  });

  it('all five concatenated: documents are numbered across the stream', () => {
    const all = ['test1-ec2nodegroup.yaml', 'test2-fargate.yaml', 'test3-mixed-namespace.yaml', 'test3-mixed-ec2.yaml', 'test3-mixed-fargate.yaml']
      .map(seed)
      .join('');
    // 3 + 3 + 1 + 2 + 2 documents: the Deployments are the 2nd, 5th, 8th and 10th
    expect(readManifests(all).map((t) => [t.document, t.name])).toEqual([
      [2, 'nginx-ec2nodegroup'],
      [5, 'nginx-fargate-pod'],
      [8, 'nginx-mixed-ec2'],
      [10, 'nginx-mixed-fargate'],
    ]);
  });
});

const container = 'containers: [{name: app, image: nginx, resources: {requests: {cpu: 250m, memory: 512Mi}}}]';

describe('every pod-creating kind', () => {
  it.each<[string, string, Partial<{ replicas: number; specPath: string; labels: Record<string, string> }>]>([
    ['Pod', `apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b}}\nspec: {${container}}`, { replicas: 1, specPath: 'spec', labels: { a: 'b' } }],
    [
      'Deployment',
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 3, template: {metadata: {labels: {a: d}}, spec: {${container}}}}`,
      { replicas: 3, specPath: 'spec.template.spec', labels: { a: 'd' } },
    ],
    ['Deployment without replicas', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {${container}}}}`, { replicas: 1 }],
    ['Deployment scaled to zero', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 0, template: {spec: {${container}}}}`, { replicas: 0 }],
    ['ReplicaSet', `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec: {replicas: 4, template: {spec: {${container}}}}`, { replicas: 4 }],
    ['StatefulSet', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec: {replicas: 5, template: {spec: {${container}}}}`, { replicas: 5 }],
    ['DaemonSet', `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec: {template: {spec: {${container}}}}`, { replicas: 1 }],
    ['Job', `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {parallelism: 3, template: {spec: {${container}}}}`, { replicas: 3, specPath: 'spec.template.spec' }],
    [
      'CronJob',
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "* * * * *", jobTemplate: {spec: {template: {metadata: {labels: {job: c}}, spec: {${container}}}}}}`,
      { replicas: 1, specPath: 'spec.jobTemplate.spec.template.spec', labels: { job: 'c' } },
    ],
    ['ReplicationController', `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec: {replicas: 2, template: {spec: {${container}}}}`, { replicas: 2 }],
    ['old extensions/v1beta1 Deployment', `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {${container}}}}`, { replicas: 1 }],
  ])('%s', (_, text, expected) => {
    const [t] = readManifests(text);
    expect(t).toMatchObject(expected);
    expect(t.spec.containers[0].name).toBe('app');
  });

  it('a Pod with only generateName, and no namespace', () => {
    const [t] = readManifests(`apiVersion: v1\nkind: Pod\nmetadata: {generateName: worker-}\nspec: {${container}}`);
    expect(t.name).toBe('worker-*');
    expect(t.namespace).toBeNull();
  });
});

describe('Lists and JSON', () => {
  it('reads a List (kubectl get -o yaml) item by item', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: shop}
  spec: {replicas: 2, template: {spec: {${container}}}}
- apiVersion: v1
  kind: Service
  metadata: {name: web}
- apiVersion: v1
  kind: Pod
  metadata: {name: one}
  spec: {${container}}
`;
    expect(readManifests(text).map((t) => [t.kind, t.name, t.specPath, t.document])).toEqual([
      ['Deployment', 'web', 'items[0].spec.template.spec', 1],
      ['Pod', 'one', 'items[2].spec', 1],
    ]);
  });

  it('reads a typed list (PodList) too', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }] } }] });
    expect(readManifests(text).map((t) => t.name)).toEqual(['a']);
  });

  it('reads JSON: a Fargate pod as the API server returns it', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'nginx', namespace: 'fargate-demo', labels: { 'eks.amazonaws.com/fargate-profile': 'demo-profile', run: 'nginx' }, annotations: { CapacityProvisioned: '0.25vCPU 0.5GB' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }], schedulerName: 'fargate-scheduler', priority: 2000001000 },
    };
    const [t] = readManifests(JSON.stringify(pod, null, 2));
    expect(t).toMatchObject({ kind: 'Pod', namespace: 'fargate-demo', name: 'nginx', labels: pod.metadata.labels });
  });

  it('skips empty documents but counts them', () => {
    const text = `---\n# nothing here\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {${container}}\n---\n`;
    expect(readManifests(text).map((t) => t.document)).toEqual([2]);
    expect(readManifests('')).toEqual([]);
    expect(readManifests('# only a comment\n')).toEqual([]);
  });

  it('skips custom resources and other built-in kinds', () => {
    const text = `apiVersion: elbv2.k8s.aws/v1beta1
kind: TargetGroupBinding
metadata: {name: t}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec: {template: {spec: {containers: [{name: x}]}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
`;
    expect(readManifests(text)).toEqual([]);
  });

  it('honours YAML merge keys as kubectl does', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - &base {name: a, resources: {requests: {cpu: 250m}}}
  - <<: *base
    name: b
`;
    const [t] = readManifests(text);
    expect(t.spec.containers.map((c) => [c.name, c.resources?.requests?.cpu])).toEqual([['a', '250m'], ['b', '250m']]);
  });
});

describe('labels: YAML 1.2, with a warning where kubectl (YAML 1.1) would disagree', () => {
  it('keeps yes/on/no unquoted as strings and warns; quoted ones are quiet', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {runon: yes, spot: "no", legacy: on, app: web}
spec: {${container}}`;
    const [t] = readManifests(text);
    expect(t.labels).toEqual({ runon: 'yes', spot: 'no', legacy: 'on', app: 'web' });
    expect(t.warnings).toEqual([
      'metadata.labels.runon: unquoted yes is a string here, but kubectl reads it as a boolean and refuses the manifest; write "yes"',
      'metadata.labels.legacy: unquoted on is a string here, but kubectl reads it as a boolean and refuses the manifest; write "on"',
    ]);
  });

  it('refuses true/false and numbers as label values, naming the field', () => {
    const e = errorOf(() => readManifests(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: n}\nspec: {template: {metadata: {labels: {enabled: true}}, spec: {${container}}}}`));
    expect(e.document).toBe(1);
    expect(e.field).toBe('spec.template.metadata.labels.enabled');
    expect(e.message).toBe('document 1 (Deployment n/d): spec.template.metadata.labels.enabled: label values must be strings; quote it: enabled: "true"');
    expect(errorOf(() => readManifests(`apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {version: 2}}\nspec: {${container}}`)).field).toBe('metadata.labels.version');
  });
});

describe('bad input is refused with the document and the field', () => {
  it('a bad quantity', () => {
    const text = seed('test3-mixed-namespace.yaml') + seed('test3-mixed-fargate.yaml').replace('memory: "1750M"', 'memory: "1750MB"');
    const e = errorOf(() => readManifests(text));
    expect(e.document).toBe(2);
    expect(e.field).toBe('spec.template.spec.containers[0].resources.requests.memory');
    expect(e.message).toBe(
      'document 2 (Deployment test3-mixed/nginx-mixed-fargate): spec.template.spec.containers[0].resources.requests.memory: "1750MB" is not a valid quantity: ' +
        'unknown suffix; expected a number with an optional suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<exponent>',
    );
  });

  it.each<[string, string, number, string | null, RegExp]>([
    ['a bad limit in an init container', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {initContainers: [{name: i, resources: {limits: {cpu: lots}}}], ${container}}`, 1, 'spec.initContainers[0].resources.limits.cpu', /"lots" is not a valid quantity/],
    ['a quantity that is a list', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, resources: {requests: {memory: [1]}}}]}`, 1, 'spec.containers[0].resources.requests.memory', /expected a string or a number, got a list/],
    ['a bad overhead', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {overhead: {memory: -1}, ${container}}`, 1, 'spec.overhead.memory', /negative/],
    ['a bad GPU count', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, resources: {limits: {nvidia.com/gpu: one}}}]}`, 1, 'spec.containers[0].resources.limits.nvidia.com/gpu', /"one"/],
    ['unknown kind', `apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}`, 1, 'kind', /unknown kind "Deploymnet" in apps\/v1 \(pods come from Deployment, ReplicaSet, StatefulSet, DaemonSet\)/],
    ['unknown core kind', `apiVersion: v1\nkind: Pods\nmetadata: {name: d}`, 1, 'kind', /unknown kind "Pods" in v1/],
    ['missing kind', `apiVersion: v1\nmetadata: {name: x}`, 1, 'kind', /kind: missing/],
    ['missing apiVersion', `kind: Pod\nmetadata: {name: x}`, 1, 'apiVersion', /apiVersion: missing \(kind Pod\)/],
    ['kind is not a string', `apiVersion: v1\nkind: [Pod]`, 1, 'kind', /expected a kind name, got a list/],
    ['missing name', `apiVersion: v1\nkind: Pod\nmetadata: {}\nspec: {${container}}`, 1, 'metadata.name', /missing \(kind Pod\)/],
    ['missing pod spec', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}`, 1, 'spec.template.spec', /missing pod spec/],
    ['no containers', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}`, 1, 'spec.containers', /non-empty list/],
    ['a container without a name', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{image: nginx}]}`, 1, 'spec.containers[0].name', /every container needs a name/],
    ['a container that is a string', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [nginx]}`, 1, 'spec.containers[0]', /got a string/],
    ['replicas as a string', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: "2", template: {spec: {${container}}}}`, 1, 'spec.replicas', /whole number ≥ 0, got "2"/],
    ['negative replicas', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: -1, template: {spec: {${container}}}}`, 1, 'spec.replicas', /got -1/],
    ['hostNetwork as a string', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: "yes", ${container}}`, 1, 'spec.hostNetwork', /expected true or false/],
    ['a nodeSelector value that is not a string', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeSelector: {gpu: true}, ${container}}`, 1, 'spec.nodeSelector.gpu', /quote it/],
    ['a List item that is not an object', `apiVersion: v1\nkind: List\nitems: [1]`, 1, 'items[0]', /a number, not a Kubernetes object/],
    ['a List without items', `apiVersion: v1\nkind: List`, 1, 'items', /expected a list of objects/],
  ])('%s', (_, text, document, field, message) => {
    const e = errorOf(() => readManifests(text));
    expect(e.document).toBe(document);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`document ${document}`)).toBe(true);
  });

  it('names the second document when the first is fine', () => {
    const e = errorOf(() => readManifests(`${seed('test3-mixed-namespace.yaml')}---\nkind: Pod\n`));
    expect(e.document).toBe(2);
  });

  it('not YAML: the syntax error with its line', () => {
    const e = errorOf(() => readManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: [p\n'));
    expect(e.document).toBe(1);
    expect(e.field).toBeNull();
    expect(e.message).toMatch(/^document 1: not valid YAML or JSON: .*line \d+, column \d+/);
    expect(e.message).not.toContain('\n');
  });

  it('duplicate keys are refused', () => {
    expect(errorOf(() => readManifests('kind: Pod\nkind: Service\n')).message).toMatch(/Map keys must be unique/);
  });

  it('duplicate keys are found among many, with their line', () => {
    const keys = Array.from({ length: 9_999 }, (_, i) => `k${i}: v`);
    const e = errorOf(() => readManifests(`${keys.join('\n')}\nk5: again\n`));
    expect(e.message).toBe('document 1: not valid YAML or JSON: Map keys must be unique at line 10000, column 1');
    // Merge keys may repeat, and the same text as a string and as a number are two keys.
    expect(readManifests('apiVersion: v1\nkind: ConfigMap\na: &a {x: 1}\nb: &b {y: 2}\nc: {<<: *a, <<: *b}\n"1": x\n1: y\n')).toEqual([]);
  });

  it('inputs past the shape limits are refused quickly', () => {
    // yaml's own duplicate-key check compares every key with every other: 100,000 keys took minutes.
    const many = Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n');
    const started = Date.now();
    expect(errorOf(() => readManifests(many)).message).toBe('document 1: refused: a mapping at line 1, column 1 has 100000 keys, more than 10000');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(errorOf(() => readManifests('---\na: 1\n'.repeat(5_001))).message).toBe('input has 5001 documents, more than the 5000 a request may hold');
    expect(errorOf(() => readManifests('['.repeat(20_000))).message).toBe('refused: the input is nested more than 256 levels deep (line 1)');
    expect(errorOf(() => readManifests('a:\n' + '- '.repeat(5_000) + 'x')).message).toBe('refused: the input is nested more than 256 levels deep (line 2)');
    expect(errorOf(() => readManifests('{a: '.repeat(300))).message).toMatch(/nested more than 256 levels/);
    // Deep but legitimate: 40 levels of blocks and of flows.
    const nested = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    expect(readManifests(`apiVersion: v1\nkind: ConfigMap\ndata:\n${nested.replace(/^/gm, '  ')}`)).toEqual([]);
    expect(readManifests(`apiVersion: v1\nkind: ConfigMap\nx: ${'['.repeat(40)}${']'.repeat(40)}\n`)).toEqual([]);
    const wide = Array.from({ length: 30 }, () => `- [${Array(9_000).fill('1').join(',')}]`).join('\n');
    expect(errorOf(() => readManifests(wide)).message).toBe('document 1: refused: the input has more than 250000 YAML nodes');
  });

  it.each<[string, string, RegExp]>([
    ['plain text', 'hello world', /^document 1: a string, not a Kubernetes object/],
    ['a number', '42', /^document 1: a number, not a Kubernetes object/],
    ['a JSON array', '[{"kind": "Pod"}]', /^document 1: a list, not a Kubernetes object/],
  ])('not a Kubernetes object: %s', (_, text, message) => {
    expect(errorOf(() => readManifests(text)).message).toMatch(message);
  });

  it('binary input', () => {
    const e = errorOf(() => readManifests('\u0000\u0001ELF'));
    expect(e.document).toBe(0);
    expect(e.message).toBe('input is binary (it contains NUL bytes), not YAML or JSON');
  });

  it('an alias bomb is refused before it expands', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'kind: Pod',
    ].join('\n');
    const started = Date.now();
    const e = errorOf(() => readManifests(bomb));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e.document).toBe(1);
    expect(e.message).toBe('document 1: refused: too many YAML alias expansions (an alias bomb?)');
  });

  it('oversized input is refused before parsing', () => {
    const e = errorOf(() => readManifests('#'.repeat(6 * 1024 * 1024)));
    expect(e.document).toBe(0);
    expect(e.message).toBe('input is at least 6 MiB, more than the 5 MiB limit');
    expect(errorOf(() => readManifests('€'.repeat(40), { maxBytes: 100 })).message).toBe('input is 120 bytes, more than the 100 bytes limit');
    expect(readManifests('#'.repeat(100), { maxBytes: 100 })).toEqual([]);
  });
});
