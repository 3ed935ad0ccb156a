/**
 * The kustomize manifests as Kubernetes will see them (`kubectl kustomize deploy/`): two replicas off Fargate,
 * least-privilege RBAC, probes, a non-root read-only container, the one Secret by reference; the IAM policy holds
 * exactly the AWS actions lib/server calls; and the kinds the simulator serves pass a server-side dry run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startSim } from '../sim/harness';

const DEPLOY = path.resolve(__dirname);
const ROOT = path.resolve(DEPLOY, '..');

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; [k: string]: unknown };
type Container = {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: unknown } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: unknown }[];
  securityContext?: Record<string, unknown>;
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
};
type PodSpec = {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: { key: string; operator: string; values?: string[] }[] }[] } } };
  containers: Container[];
  volumes: { name: string; secret?: { secretName: string }; emptyDir?: unknown }[];
};

/**
 * Runs kubectl without blocking this process: the simulator it talks to runs here, in the test's event loop.
 * Resolves with the exit status and both streams; bounded at 60 s.
 */
function kubectl(args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

function render(dir: string): Doc[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  return YAML.parseAllDocuments(out).map((d) => d.toJS() as Doc).filter(Boolean);
}

let docs: Doc[];
const one = (kind: string, name?: string) => {
  const found = docs.filter((d) => d.kind === kind && (!name || d.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0];
};

beforeAll(() => {
  docs = render(DEPLOY);
});

describe('kubectl kustomize deploy/', () => {
  it('renders exactly the objects Farview needs, all in the farview namespace', () => {
    // The ConfigMap's name carries kustomize's content hash.
    const names = docs.map((d) => `${d.kind}/${d.metadata.name}`.replace(/^(ConfigMap\/farview-config)-[a-z0-9]+$/, '$1-<hash>')).sort();
    expect(names).toEqual([
      'ClusterRole/farview-restart',
      'ClusterRole/farview-view',
      'ClusterRoleBinding/farview-restart',
      'ClusterRoleBinding/farview-view',
      'ConfigMap/farview-config-<hash>',
      'Deployment/farview',
      'Namespace/farview',
      'PodDisruptionBudget/farview',
      'Service/farview',
      'ServiceAccount/farview',
    ]);
    for (const d of docs.filter((x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind))) expect(d.metadata.namespace, d.kind).toBe('farview');
    // No Secret is created from the repository: the operator creates it (README.md).
    expect(docs.some((d) => d.kind === 'Secret')).toBe(false);
  });

  it('runs two replicas on EC2 nodes, never on Fargate', () => {
    const dep = one('Deployment') as Doc & { spec: { replicas: number; template: { spec: PodSpec } } };
    expect(dep.spec.replicas).toBe(2);
    const terms = dep.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    // Every term (they are ORed) must exclude Fargate nodes.
    for (const t of terms) expect(t.matchExpressions).toContainEqual({ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] });
    expect(one('PodDisruptionBudget')).toMatchObject({ spec: { minAvailable: 1 } });
  });

  it('runs as non-root with a read-only root filesystem and no capabilities', () => {
    const spec = (one('Deployment') as Doc & { spec: { template: { spec: PodSpec } } }).spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
    const [c] = spec.containers;
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
    // What must be writable is an emptyDir, and nothing else is.
    const writable = (c.volumeMounts ?? []).filter((m) => !m.readOnly);
    for (const m of writable) expect(spec.volumes.find((v) => v.name === m.name)?.emptyDir, m.mountPath).toBeDefined();
    expect(writable.map((m) => m.mountPath).sort()).toEqual(['/app/.next/cache', '/data', '/tmp']);
  });

  it('probes readiness on /api/ready and liveness on /api/health', () => {
    const [c] = (one('Deployment') as Doc & { spec: { template: { spec: PodSpec } } }).spec.template.spec.containers;
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/api/ready', port: 'http' });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/api/health', port: 'http' });
    expect(c.startupProbe?.httpGet?.path).toBe('/api/health');
  });

  it('takes DATABASE_URL (and the session secret and tokens) from the one Secret, by reference only', () => {
    const spec = (one('Deployment') as Doc & { spec: { template: { spec: PodSpec } } }).spec.template.spec;
    const [c] = spec.containers;
    const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e]));
    expect(env.DATABASE_URL).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'farview', key: 'database-url' } } });
    expect(env.FARVIEW_SESSION_SECRET?.valueFrom?.secretKeyRef).toEqual({ name: 'farview', key: 'session-secret' });
    expect(env.FARVIEW_AUTH_TOKENS_FILE?.value).toBe('/etc/farview/auth/tokens');
    // No literal secret anywhere, and every secret reference points at the same Secret.
    for (const e of c.env ?? []) expect(e.name).not.toMatch(/^(FARVIEW_AUTH_TOKENS|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID)$/);
    const secretNames = new Set([...(c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : [])), ...spec.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []))]);
    expect([...secretNames]).toEqual(['farview']);
    expect((c.envFrom ?? []).every((e) => e.secretRef === undefined)).toBe(true);
    // Listening beyond loopback is intended here, so sign-in must be configured (it is: the tokens file).
    expect(env.HOSTNAME?.value).toBe('0.0.0.0');
  });

  it('grants read on what the live view watches and on usage, patch on deployments only, and nothing on Secrets or ConfigMaps', () => {
    const view = one('ClusterRole', 'farview-view') as Doc & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
    const restart = one('ClusterRole', 'farview-restart') as Doc & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
    const grants = (rules: typeof view.rules) => rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g || 'core'}/${res}:${v}`)))).sort();
    expect(grants(view.rules)).toEqual(
      [
        ...['pods', 'nodes', 'services', 'namespaces', 'events'].flatMap((r) => ['get', 'list', 'watch'].map((v) => `core/${r}:${v}`)),
        ...['get', 'list', 'watch'].map((v) => `elbv2.k8s.aws/targetgroupbindings:${v}`),
        ...['get', 'list', 'watch'].map((v) => `networking.k8s.io/ingresses:${v}`),
        ...['deployments', 'replicasets'].flatMap((r) => ['get', 'list'].map((v) => `apps/${r}:${v}`)),
        // metrics-server has no watch: the usage poller only lists.
        ...['pods', 'nodes'].flatMap((r) => ['get', 'list'].map((v) => `metrics.k8s.io/${r}:${v}`)),
      ].sort(),
    );
    expect(grants(restart.rules)).toEqual(['apps/deployments:patch']);
    for (const r of [...view.rules, ...restart.rules]) {
      expect(r.verbs).not.toContain('*');
      expect(r.resources).not.toContain('*');
      expect(r.resources).not.toContain('secrets');
      expect(r.resources).not.toContain('configmaps');
    }
    for (const name of ['farview-view', 'farview-restart']) {
      expect(one('ClusterRoleBinding', name)).toMatchObject({ roleRef: { kind: 'ClusterRole', name }, subjects: [{ kind: 'ServiceAccount', name: 'farview', namespace: 'farview' }] });
    }
  });

  it('gives the ServiceAccount an IRSA role and the pods that ServiceAccount', () => {
    expect(one('ServiceAccount').metadata.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
    expect((one('Deployment') as Doc & { spec: { template: { spec: PodSpec } } }).spec.template.spec.serviceAccountName).toBe('farview');
    expect(one('Service')).toMatchObject({ spec: { type: 'ClusterIP', ports: [{ port: 80, targetPort: 'http' }] } });
  });

  it('adds the NetworkPolicy when the optional component is turned on as the kustomization says', async () => {
    // A copy of deploy/ with the `components:` lines uncommented, exactly as README.md tells operators to do.
    const dir = await mkdtemp(path.join(tmpdir(), 'farview-kustomize-'));
    try {
      await cp(DEPLOY, dir, { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
      const k = await readFile(path.join(dir, 'kustomization.yaml'), 'utf8');
      const enabled = k.replace('# components:\n#   - components/network-policy', 'components:\n  - components/network-policy');
      expect(enabled).not.toBe(k);
      await writeFile(path.join(dir, 'kustomization.yaml'), enabled);
      const withPolicy = render(dir);
      const np = withPolicy.find((d) => d.kind === 'NetworkPolicy') as Doc & { spec: { podSelector: unknown; policyTypes: string[]; ingress: { ports: { port: number }[] }[] } };
      expect(np.metadata.namespace).toBe('farview');
      expect(np.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'farview' } });
      expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(np.spec.ingress.flatMap((r) => r.ports.map((p) => p.port))).toEqual([3000]);
      expect(withPolicy).toHaveLength(docs.length + 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/iam-policy.json', () => {
  it('allows exactly the AWS actions lib/server sends, plus PassRole and TagResource that CreateFargateProfile implies', async () => {
    const prefix: Record<string, string> = { '@aws-sdk/client-eks': 'eks', '@aws-sdk/client-elastic-load-balancing-v2': 'elasticloadbalancing', '@aws-sdk/client-ec2': 'ec2', '@aws-sdk/client-pricing': 'pricing' };
    const called = new Set<string>();
    // The AWS gateways live in lib/server/aws/; the rest of lib/server is scanned too, so no call can hide.
    const files = (await readdir(path.join(ROOT, 'lib/server'), { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    for (const f of files) {
      const text = await readFile(path.join(ROOT, 'lib/server', f), 'utf8');
      // Which package each imported *Command comes from, then which of them are sent.
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z0-9-]+)'/g)) {
        for (const name of m[1].split(',').map((s) => s.trim().replace(/^type\s+/, ''))) {
          const cmd = /^(\w+)Command$/.exec(name);
          if (cmd && new RegExp(`new ${name}\\(`).test(text)) called.add(`${prefix[m[2]]}:${cmd[1]}`);
        }
      }
    }
    expect(called.size).toBeGreaterThan(10);
    const policy = JSON.parse(await readFile(path.join(DEPLOY, 'iam-policy.json'), 'utf8')) as { Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[] };
    const allowed = new Set(policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    expect([...allowed].sort()).toEqual([...called, 'iam:PassRole', 'eks:TagResource'].sort());
    // No wildcard actions; PassRole only on a named role.
    for (const a of allowed) expect(a).not.toContain('*');
    const pass = policy.Statement.find((s) => s.Action === 'iam:PassRole');
    expect(pass?.Resource).toMatch(/^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
  });
});

describe('server-side dry run against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  beforeAll(async () => {
    sim = await startSim({ scenario: 'eksworkshop', speed: 50, seed: 41 });
  }, 60_000);
  afterAll(async () => {
    await sim?.stop();
  });

  it('accepts the Namespace, Deployment and Service (the kinds it serves) without storing them', async () => {
    const env = { ...process.env, KUBECONFIG: sim.kubeconfigPath };
    const served = new Set(['Namespace', 'Deployment', 'Service']);
    const ns = docs.find((d) => d.kind === 'Namespace');
    // The namespace must exist for a dry run of what goes in it; it is the one object really created.
    const created = await kubectl(['apply', '--validate=false', '-f', '-'], YAML.stringify(ns), env);
    expect(created.status, created.stderr).toBe(0);
    const rest = docs.filter((d) => served.has(d.kind) && d.kind !== 'Namespace');
    const dry = await kubectl(['apply', '--dry-run=server', '-f', '-'], rest.map((d) => YAML.stringify(d)).join('---\n'), env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('deployment.apps/farview created (server dry run)');
    expect(dry.stdout).toContain('service/farview created (server dry run)');
    expect(sim.ctx.store.list('Deployment', 'farview')).toEqual([]);
    expect(sim.ctx.store.list('Service', 'farview')).toEqual([]);
    // What the simulator does not serve, it says so (a real API server takes these; see the report).
    const unserved = docs.filter((d) => !served.has(d.kind) && d.kind !== 'ConfigMap');
    const gap = await kubectl(['apply', '--dry-run=server', '-f', '-'], unserved.map((d) => YAML.stringify(d)).join('---\n'), env);
    expect(gap.stderr).toMatch(/no matches for kind "(ServiceAccount|ClusterRole|ClusterRoleBinding|PodDisruptionBudget)"/);
  }, 60_000);
});
