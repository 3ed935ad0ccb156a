import 'server-only';
/**
 * Kubeconfig loading as kubectl does it: KUBECONFIG lists files (the first file that defines a cluster,
 * user or context wins, and the first current-context wins; missing files are skipped), else
 * ~/.kube/config, else the in-cluster service account. FARVIEW_CONTEXT picks the context. Credentials
 * (tokens, client certificates, CA data, exec plugins such as `aws eks get-token`) are left to
 * @kubernetes/client-node's KubeConfig. Problems name the file and the context.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { ContextList } from '../view/model';
import { setting } from './config';

/** A kubeconfig that cannot be used, with the file and context it is about. */
export class KubeconfigError extends Error {
  constructor(
    message: string,
    readonly file: string | null,
    readonly context: string | null,
  ) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

export interface LoadedKubeconfig {
  /** Files read, in order (the in-cluster pseudo-file is "in-cluster service account"). */
  files: string[];
  contexts: Context[];
  clusters: Cluster[];
  users: User[];
  /** FARVIEW_CONTEXT, else the first current-context. */
  current: string | null;
  /** Which file defined each context, cluster and user (for messages). */
  origin: { contexts: Map<string, string>; clusters: Map<string, string>; users: Map<string, string> };
  /** Problems that did not stop loading (a broken file among several, a bad FARVIEW_CONTEXT). */
  problems: string[];
}

const IN_CLUSTER = 'in-cluster service account';
const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

type Env = Record<string, string | undefined>;

/** The kubeconfig files kubectl would read, in order. */
export function kubeconfigFiles(env: Env = process.env): { files: string[]; fromEnv: boolean } {
  const list = setting(env, 'KUBECONFIG');
  if (list && list.length > 0) return { files: list.split(path.delimiter).filter(Boolean), fromEnv: true };
  const home = env.HOME || os.homedir();
  return { files: [path.join(home, '.kube', 'config')], fromEnv: false };
}

function readOne(file: string): KubeConfig | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return null;
    throw new KubeconfigError(`kubeconfig ${file}: cannot read it: ${err.message}`, file, null);
  }
  if (text.trim() === '') return null;
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new KubeconfigError(`kubeconfig ${file}: ${msg}`, file, null);
  }
  // Relative certificate/key paths are relative to the file, as kubectl resolves them.
  (kc as unknown as { makePathsAbsolute(root: string): void }).makePathsAbsolute(path.dirname(file));
  return kc;
}

/** Reads every kubeconfig file and merges them the way kubectl does. Never throws: see `problems`. */
export function loadKubeconfig(env: Env = process.env): LoadedKubeconfig {
  const { files, fromEnv } = kubeconfigFiles(env);
  const out: LoadedKubeconfig = {
    files: [],
    contexts: [],
    clusters: [],
    users: [],
    current: null,
    origin: { contexts: new Map(), clusters: new Map(), users: new Map() },
    problems: [],
  };
  for (const file of files) {
    let kc: KubeConfig | null;
    try {
      kc = readOne(file);
    } catch (e) {
      out.problems.push((e as Error).message);
      continue;
    }
    if (!kc) continue;
    out.files.push(file);
    // The first file that defines a name wins.
    for (const c of kc.getClusters()) {
      if (out.origin.clusters.has(c.name)) continue;
      out.clusters.push(c);
      out.origin.clusters.set(c.name, file);
    }
    for (const u of kc.getUsers()) {
      if (out.origin.users.has(u.name)) continue;
      out.users.push(u);
      out.origin.users.set(u.name, file);
    }
    for (const c of kc.getContexts()) {
      if (out.origin.contexts.has(c.name)) continue;
      out.contexts.push(c);
      out.origin.contexts.set(c.name, file);
    }
    if (!out.current && kc.getCurrentContext()) out.current = kc.getCurrentContext();
  }
  if (out.files.length === 0 && out.problems.length === 0) {
    if (!fromEnv && fs.existsSync(SA_TOKEN) && env.KUBERNETES_SERVICE_HOST) {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      out.files.push(IN_CLUSTER);
      out.clusters.push(...kc.getClusters());
      out.users.push(...kc.getUsers());
      out.contexts.push(...kc.getContexts());
      for (const c of kc.getContexts()) out.origin.contexts.set(c.name, IN_CLUSTER);
      out.current = kc.getCurrentContext();
    } else {
      out.problems.push(
        fromEnv
          ? `no kubeconfig found: none of the files in KUBECONFIG exists (${files.join(path.delimiter)})`
          : `no kubeconfig found: ${files[0]} does not exist and KUBECONFIG is not set`,
      );
    }
  }
  const wanted = setting(env, 'FARVIEW_CONTEXT');
  if (wanted) {
    if (out.contexts.some((c) => c.name === wanted)) out.current = wanted;
    else if (out.files.length > 0) out.problems.push(`FARVIEW_CONTEXT names context "${wanted}", which ${out.files.join(', ')} does not define`);
  }
  return out;
}

/** GET /api/contexts: every context, the current one, and what is wrong when the kubeconfig is broken. */
export function listContexts(env: Env = process.env): ContextList {
  const k = loadKubeconfig(env);
  return {
    current: k.current,
    contexts: k.contexts.map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace ?? null })),
    error: k.problems.length > 0 ? k.problems.join('; ') : null,
  };
}

/**
 * A KubeConfig whose current context is `name`, with only the cluster and user it needs.
 * @throws KubeconfigError naming the file and the context when the context is unknown or incomplete
 */
export function kubeConfigFor(k: LoadedKubeconfig, name: string): KubeConfig {
  const ctx = k.contexts.find((c) => c.name === name);
  const where = k.files.join(', ') || 'the kubeconfig';
  if (!ctx) {
    const broken = k.problems.length ? ` (${k.problems.join('; ')})` : '';
    throw new KubeconfigError(`context "${name}" is not defined in ${where}${broken}`, null, name);
  }
  const file = k.origin.contexts.get(name) ?? where;
  const cluster = k.clusters.find((c) => c.name === ctx.cluster);
  if (!cluster) throw new KubeconfigError(`kubeconfig ${file}: context "${name}" refers to cluster "${ctx.cluster}", which no kubeconfig file defines`, file, name);
  const user = k.users.find((u) => u.name === ctx.user);
  if (!user && ctx.user) throw new KubeconfigError(`kubeconfig ${file}: context "${name}" refers to user "${ctx.user}", which no kubeconfig file defines`, file, name);
  try {
    new URL(cluster.server);
  } catch {
    throw new KubeconfigError(`kubeconfig ${k.origin.clusters.get(cluster.name) ?? file}: cluster "${cluster.name}" has server "${cluster.server}", which is not a URL`, file, name);
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: name });
  return kc;
}

/** Which EKS cluster and region a context talks to, and how that was found. */
export interface EksTarget {
  clusterName: string | null;
  region: string | null;
  /** Where the answer came from, for messages ("exec args", "context ARN", "FARVIEW_EKS_CLUSTER", …). */
  source: string;
}

const ARN = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):\d{12}:cluster\/(.+)$/;
const EKSCTL = /^(?:[^@]+@)?([A-Za-z0-9][A-Za-z0-9-]*)\.([a-z]{2}(?:-[a-z]+)+-\d)\.eksctl\.io$/;

function argValue(args: string[], names: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n && i + 1 < args.length) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return null;
}

/**
 * The EKS cluster name and region of a context: from the user's exec plugin (`aws eks get-token
 * --cluster-name C --region R`, aws-iam-authenticator `-i C`), else an ARN-shaped context or cluster name
 * (arn:aws:eks:REGION:ACCOUNT:cluster/NAME), else eksctl's NAME.REGION.eksctl.io. FARVIEW_EKS_CLUSTER and
 * AWS_REGION override what the context says.
 */
export function eksTargetFor(k: LoadedKubeconfig, contextName: string, env: Env = process.env): EksTarget {
  const ctx = k.contexts.find((c) => c.name === contextName);
  const user = ctx ? k.users.find((u) => u.name === ctx.user) : undefined;
  let clusterName: string | null = null;
  let region: string | null = null;
  const sources: string[] = [];

  const exec = user?.exec as { args?: unknown; env?: unknown } | undefined;
  if (exec && Array.isArray(exec.args)) {
    const args = exec.args.filter((a): a is string => typeof a === 'string');
    clusterName = argValue(args, ['--cluster-name', '--cluster-id', '-i']);
    region = argValue(args, ['--region']);
    if (!region && Array.isArray(exec.env)) {
      const e = (exec.env as { name?: string; value?: string }[]).find((x) => x.name === 'AWS_REGION' || x.name === 'AWS_DEFAULT_REGION');
      region = e?.value ?? null;
    }
    if (clusterName || region) sources.push('exec plugin args');
  }
  for (const candidate of [contextName, ctx?.cluster ?? '']) {
    const m = ARN.exec(candidate) ?? EKSCTL.exec(candidate);
    if (!m) continue;
    const [, a, b] = m;
    const isArn = candidate.startsWith('arn:');
    if (!clusterName) clusterName = isArn ? b : a;
    if (!region) region = isArn ? a : b;
    sources.push(isArn ? 'ARN of the context' : 'eksctl context name');
    break;
  }
  const cluster = setting(env, 'FARVIEW_EKS_CLUSTER');
  const awsRegion = setting(env, 'AWS_REGION');
  const defaultRegion = setting(env, 'AWS_DEFAULT_REGION');
  if (cluster) {
    clusterName = cluster;
    sources.push('FARVIEW_EKS_CLUSTER');
  }
  if (awsRegion) {
    region = awsRegion;
    sources.push('AWS_REGION');
  } else if (!region && defaultRegion) {
    region = defaultRegion;
    sources.push('AWS_DEFAULT_REGION');
  }
  return { clusterName, region, source: sources.join(', ') || 'nothing in the context names an EKS cluster' };
}
