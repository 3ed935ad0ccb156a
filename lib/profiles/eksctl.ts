/**
 * The same profile as eksctl would create it: the `eksctl create fargateprofile` command line and the
 * ClusterConfig YAML (`fargateProfiles:`), ready to copy into a terminal or a GitOps repository.
 *
 * eksctl reads its config with a YAML 1.1 parser, where an unquoted yes, on, true or 1 is a boolean or a
 * number, not a string; the seed warns about exactly this for label values. Label values, tag values and
 * namespaces are therefore always double-quoted, and any other string that YAML 1.1 or 1.2 would read as
 * something else is quoted too.
 */
import { Document, Pair, Scalar, YAMLMap, parse as parseYaml } from 'yaml';
import type { ProfileSpec } from './form';

export interface ClusterRef {
  name: string;
  region: string | null;
}

export interface EksctlCommand {
  /** The command, one flag per line with backslash continuations. */
  command: string;
  /** False when the flags cannot say everything the profile holds (see notes): use the config file then. */
  complete: boolean;
  notes: string[];
  /** The config-file way, which keeps everything. */
  fileCommand: string;
}

/** The file name the UI suggests for the YAML. */
export const CONFIG_FILE = 'fargateprofile.yaml';

function quoted(value: string): Scalar<string> {
  const s = new Scalar(value);
  s.type = 'QUOTE_DOUBLE';
  return s;
}

/** True when a YAML 1.1 or 1.2 reader would not read `value`, written plain, back as the same string. */
function misread(value: string): boolean {
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (parseYaml(value, { version }) !== value) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function str(value: string): Scalar<string> | string {
  return misread(value) ? quoted(value) : value;
}

// Built as a node so keys are scalars too: a key such as "n" or "on" is quoted like any other string.
function quotedMap(m: Record<string, string>): YAMLMap<Scalar<string> | string, Scalar<string>> {
  const map = new YAMLMap<Scalar<string> | string, Scalar<string>>();
  for (const [k, v] of Object.entries(m)) map.items.push(new Pair(str(k), quoted(v)));
  return map;
}

/** The eksctl ClusterConfig holding just this profile, for `eksctl create fargateprofile -f`. */
export function clusterConfigYaml(spec: ProfileSpec, cluster: ClusterRef): string {
  const profile: Record<string, unknown> = {
    name: str(spec.fargateProfileName),
    ...(spec.podExecutionRoleArn ? { podExecutionRoleARN: str(spec.podExecutionRoleArn) } : {}),
    selectors: spec.selectors.map((s) => ({
      namespace: quoted(s.namespace),
      ...(Object.keys(s.labels).length ? { labels: quotedMap(s.labels) } : {}),
    })),
    ...(spec.subnets.length ? { subnets: spec.subnets.map(str) } : {}),
    ...(Object.keys(spec.tags).length ? { tags: quotedMap(spec.tags) } : {}),
  };
  const config = {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: { name: str(cluster.name), ...(cluster.region ? { region: str(cluster.region) } : {}) },
    fargateProfiles: [profile],
  };
  const doc = new Document(config, { version: '1.1' });
  return doc.toString({ lineWidth: 0 });
}

const SHELL_SAFE = /^[A-Za-z0-9._/=,:@%+-]+$/;

/** `value` as one shell word: bare when it holds no special characters, else single-quoted. */
export function shellWord(value: string): string {
  if (value !== '' && SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function pairs(m: Record<string, string>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * The `eksctl create fargateprofile` command for this profile. Its flags take one selector (--namespace,
 * --labels), tags, and no subnets or role (eksctl then uses the cluster's private subnets and the pod
 * execution role of its own stack); whatever the flags cannot carry is listed in `notes`.
 */
export function eksctlCommand(spec: ProfileSpec, cluster: ClusterRef): EksctlCommand {
  const notes: string[] = [];
  const first = spec.selectors[0] ?? { namespace: '', labels: {} };
  const args: string[] = [`--cluster ${shellWord(cluster.name)}`];
  if (cluster.region) args.push(`--region ${shellWord(cluster.region)}`);
  args.push(`--name ${shellWord(spec.fargateProfileName)}`, `--namespace ${shellWord(first.namespace)}`);
  if (Object.keys(first.labels).length) args.push(`--labels ${shellWord(pairs(first.labels))}`);
  const tagText = pairs(spec.tags);
  if (tagText) {
    // eksctl splits --tags on commas and = (a CSV of k=v pairs): a tag holding either cannot be passed this way.
    if (Object.entries(spec.tags).some(([k, v]) => /[,=]/.test(k) || /[,"]/.test(v))) {
      notes.push('a tag key or value contains a comma, = or a quote, which --tags cannot carry: use the config file');
    } else args.push(`--tags ${shellWord(tagText)}`);
  }
  if (spec.selectors.length > 1) {
    const rest = spec.selectors.length === 2 ? 'selector 2 needs' : `selectors 2–${spec.selectors.length} need`;
    notes.push(`--namespace and --labels take one selector; ${rest} the config file`);
  }
  if (spec.podExecutionRoleArn) notes.push('the flags have no pod execution role: eksctl uses its stack\'s role; the config file keeps the chosen one');
  if (spec.subnets.length) notes.push("the flags have no subnets: eksctl uses the cluster's private subnets; the config file keeps the chosen ones");
  const command = ['eksctl create fargateprofile', ...args].join(' \\\n    ');
  const fileCommand = `eksctl create fargateprofile -f ${CONFIG_FILE}`;
  return { command, complete: notes.length === 0, notes, fileCommand };
}
