import { eksError } from './errors';

/**
 * CreateFargateProfile input checks, as EKS applies them (docs/fargate-facts.md §6): every rule names the
 * offending field and value so a user can fix the request without guessing. Pure: the caller passes
 * what it knows about the cluster's subnets.
 */

export interface ProfileSelector {
  namespace: string;
  labels?: Record<string, string>;
}

/** A validated CreateFargateProfile request. */
export interface ProfileRequest {
  fargateProfileName: string;
  podExecutionRoleArn: string;
  subnets: string[];
  selectors: ProfileSelector[];
  tags: Record<string, string>;
  clientRequestToken: string | null;
}

/** What the validator needs to know about the cluster's network. */
export interface SubnetFacts {
  clusterName: string;
  /** The cluster's subnets (resourcesVpcConfig.subnetIds). */
  clusterSubnetIds: string[];
  /** Undefined when the subnet does not exist; otherwise whether it routes to an internet gateway, and via what. */
  describe(subnetId: string): { public: boolean; routeTarget: string | null } | undefined;
}

export const MAX_SELECTORS = 5;
export const MAX_LABELS_PER_SELECTOR = 5;
export const MAX_LABEL_KEY = 127;
export const MAX_LABEL_VALUE = 255;
export const MAX_TAGS = 50;

// IAM role ARN: partition, empty region, 12-digit account, role path and name from IAM's allowed characters.
const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates the JSON body of CreateFargateProfile. Throws InvalidParameterException (HTTP 400) with a
 * precise message on the first problem; returns the normalised request otherwise. Omitted subnets
 * default to the cluster's private subnets, as EKS does.
 */
export function validateProfileRequest(body: unknown, facts: SubnetFacts): ProfileRequest {
  const cluster = facts.clusterName;
  if (!isRecord(body)) throw eksError('InvalidParameterException', 'The request body must be a JSON object.', { clusterName: cluster });
  const nameValue = body.fargateProfileName;
  const name = typeof nameValue === 'string' ? nameValue : '';
  const fail = (message: string) => eksError('InvalidParameterException', message, { clusterName: cluster, fargateProfileName: name || null });

  if (nameValue === undefined || nameValue === null || nameValue === '') throw fail('fargateProfileName is required.');
  if (typeof nameValue !== 'string') throw fail('fargateProfileName must be a string.');
  if (nameValue.length > 100) throw fail(`fargateProfileName is ${nameValue.length} characters long; at most 100 are allowed.`);
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]*$/.test(nameValue)) {
    throw fail(`fargateProfileName ${JSON.stringify(nameValue)} is invalid: use letters, digits, hyphens and underscores, starting with a letter or digit.`);
  }

  const role = body.podExecutionRoleArn;
  if (role === undefined || role === null || role === '') throw fail('podExecutionRoleArn is required.');
  if (typeof role !== 'string' || !ROLE_ARN.test(role)) {
    throw fail(`podExecutionRoleArn ${JSON.stringify(role)} is not a valid IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>).`);
  }

  const selectorsValue = body.selectors;
  if (selectorsValue === undefined || selectorsValue === null || (Array.isArray(selectorsValue) && selectorsValue.length === 0)) {
    throw fail('Fargate Profile requires at least one selector.');
  }
  if (!Array.isArray(selectorsValue)) throw fail('selectors must be a list of {namespace, labels} objects.');
  if (selectorsValue.length > MAX_SELECTORS) {
    throw fail(`Fargate Profile has ${selectorsValue.length} selectors; at most ${MAX_SELECTORS} are allowed.`);
  }
  const selectors: ProfileSelector[] = selectorsValue.map((raw, i) => {
    const where = `selectors[${i}]`;
    if (!isRecord(raw)) throw fail(`${where} must be an object with a namespace.`);
    const ns = raw.namespace;
    if (ns === undefined || ns === null || ns === '') throw fail(`${where}.namespace is required: every selector must name a namespace.`);
    if (typeof ns !== 'string') throw fail(`${where}.namespace must be a string.`);
    if (ns.length > 63) throw fail(`${where}.namespace ${JSON.stringify(ns)} is longer than 63 characters.`);
    const out: ProfileSelector = { namespace: ns };
    if (raw.labels !== undefined && raw.labels !== null) {
      if (!isRecord(raw.labels)) throw fail(`${where}.labels must be a map of label keys to values.`);
      const entries = Object.entries(raw.labels);
      if (entries.length > MAX_LABELS_PER_SELECTOR) throw fail(`Request contains Selector with more than ${MAX_LABELS_PER_SELECTOR} Label pairs`);
      const labels: Record<string, string> = {};
      for (const [k, v] of entries) {
        if (k.length < 1 || k.length > MAX_LABEL_KEY) throw fail(`${where}.labels key ${JSON.stringify(k)} must be 1 to ${MAX_LABEL_KEY} characters long.`);
        if (typeof v !== 'string') throw fail(`${where}.labels[${JSON.stringify(k)}] must be a string.`);
        if (v.length < 1 || v.length > MAX_LABEL_VALUE) throw fail(`${where}.labels[${JSON.stringify(k)}] must be 1 to ${MAX_LABEL_VALUE} characters long.`);
        labels[k] = v;
      }
      if (entries.length > 0) out.labels = labels;
    }
    return out;
  });

  let subnets: string[];
  if (body.subnets === undefined || body.subnets === null || (Array.isArray(body.subnets) && body.subnets.length === 0)) {
    subnets = facts.clusterSubnetIds.filter((id) => facts.describe(id)?.public === false);
  } else {
    if (!Array.isArray(body.subnets) || body.subnets.some((s) => typeof s !== 'string')) throw fail('subnets must be a list of subnet ids.');
    subnets = [...new Set(body.subnets as string[])];
    for (const id of subnets) {
      const facts1 = facts.describe(id);
      if (!facts1) throw fail(`The subnet ID '${id}' does not exist in the cluster's VPC.`);
      if (facts1.public) {
        throw fail(
          `Subnet ${id} is a public subnet (its route table sends 0.0.0.0/0 to ${facts1.routeTarget ?? 'an internet gateway'}); Fargate profiles accept only private subnets.`,
        );
      }
      if (!facts.clusterSubnetIds.includes(id)) throw fail(`Subnet ${id} is not one of cluster ${cluster}'s subnets (${facts.clusterSubnetIds.join(', ')}).`);
    }
  }

  const tags: Record<string, string> = {};
  if (body.tags !== undefined && body.tags !== null) {
    if (!isRecord(body.tags)) throw fail('tags must be a map of tag keys to values.');
    const entries = Object.entries(body.tags);
    if (entries.length > MAX_TAGS) throw fail(`${entries.length} tags given; at most ${MAX_TAGS} are allowed.`);
    for (const [k, v] of entries) {
      if (k.length < 1 || k.length > 128) throw fail(`Tag key ${JSON.stringify(k)} must be 1 to 128 characters long.`);
      if (k.toLowerCase().startsWith('aws:')) throw fail(`Tag key ${JSON.stringify(k)} uses the reserved prefix aws:.`);
      if (typeof v !== 'string' || v.length > 256) throw fail(`Tag ${JSON.stringify(k)} must have a string value of at most 256 characters.`);
      tags[k] = v;
    }
  }

  const token = body.clientRequestToken;
  if (token !== undefined && token !== null && typeof token !== 'string') throw fail('clientRequestToken must be a string.');

  return {
    fargateProfileName: nameValue,
    podExecutionRoleArn: role,
    subnets,
    selectors,
    tags,
    clientRequestToken: typeof token === 'string' && token !== '' ? token : null,
  };
}
