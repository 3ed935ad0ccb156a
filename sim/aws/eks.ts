import { eksError } from './errors';
import { describeClusterVersions } from './eks-versions';
import type { SimAwsState, FargateProfile, Nodegroup } from './state';

/**
 * EKS over restJson1 (apiVersion 2017-11-01): the cluster, node group and Fargate profile operations
 * Farview and the AWS CLI use. Shapes follow docs/protocol.md §4; timestamps are
 * epoch seconds as JSON numbers, as real EKS sends them.
 */

export interface RestRequest {
  method: string;
  /** Path without the query string, still URI-encoded. */
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

/** Epoch seconds with millisecond fraction. */
function epoch(d: Date): number {
  return Math.round(d.getTime()) / 1000;
}

export function profileJson(p: FargateProfile): Record<string, unknown> {
  return {
    fargateProfileName: p.name,
    fargateProfileArn: p.arn,
    clusterName: p.clusterName,
    createdAt: epoch(p.createdAt),
    podExecutionRoleArn: p.podExecutionRoleArn,
    subnets: p.subnets,
    selectors: p.selectors.map((s) => (s.labels ? { namespace: s.namespace, labels: s.labels } : { namespace: s.namespace })),
    status: p.status,
    tags: p.tags,
    health: { issues: [] },
  };
}

function clusterJson(aws: SimAwsState): Record<string, unknown> {
  const c = aws.cluster;
  return {
    name: c.name,
    arn: c.arn,
    createdAt: epoch(c.createdAt),
    version: c.version,
    endpoint: c.endpoint,
    roleArn: c.roleArn,
    resourcesVpcConfig: {
      subnetIds: c.subnetIds,
      securityGroupIds: [aws.network.securityGroupId],
      clusterSecurityGroupId: aws.network.clusterSecurityGroupId,
      vpcId: aws.network.vpcId,
      endpointPublicAccess: c.endpointPublicAccess,
      endpointPrivateAccess: c.endpointPrivateAccess,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: c.serviceIpv4Cidr, ipFamily: 'ipv4', elasticLoadBalancing: { enabled: false } },
    logging: { clusterLogging: [{ types: c.loggingTypes, enabled: true }] },
    identity: { oidc: { issuer: c.oidcIssuer } },
    status: c.status,
    certificateAuthority: { data: c.certificateAuthorityData },
    platformVersion: c.platformVersion,
    tags: c.tags,
    health: { issues: [] },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    upgradePolicy: { supportType: 'EXTENDED' },
  };
}

function nodegroupJson(aws: SimAwsState, ng: Nodegroup): Record<string, unknown> {
  return {
    nodegroupName: ng.name,
    nodegroupArn: ng.arn,
    clusterName: aws.clusterName,
    version: aws.cluster.version,
    releaseVersion: ng.releaseVersion,
    createdAt: epoch(ng.createdAt),
    modifiedAt: epoch(ng.modifiedAt),
    status: ng.status,
    capacityType: ng.capacityType,
    scalingConfig: { minSize: ng.minSize, maxSize: ng.maxSize, desiredSize: ng.desiredSize },
    instanceTypes: ng.instanceTypes,
    subnets: ng.subnets,
    amiType: ng.amiType,
    nodeRole: ng.nodeRole,
    labels: ng.labels,
    resources: { autoScalingGroups: [{ name: ng.autoScalingGroup }] },
    health: { issues: [] },
    updateConfig: { maxUnavailable: 1 },
    ...(ng.launchTemplate ? { launchTemplate: ng.launchTemplate } : {}),
    tags: ng.tags,
  };
}

/** Pages a sorted list of names with EKS's maxResults (1–100) and an opaque nextToken. */
function page(names: string[], query: URLSearchParams, fields: Record<string, string | null>): { items: string[]; nextToken: string | null } {
  const maxRaw = query.get('maxResults');
  let max = 100;
  if (maxRaw !== null) {
    max = Number(maxRaw);
    if (!/^\d+$/.test(maxRaw) || max < 1 || max > 100) {
      throw eksError('InvalidParameterException', `maxResults must be an integer between 1 and 100, got ${JSON.stringify(maxRaw)}.`, fields);
    }
  }
  let start = 0;
  const token = query.get('nextToken');
  if (token) {
    let after: unknown;
    try {
      after = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).after;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string') throw eksError('InvalidParameterException', 'The nextToken is not valid; pass the value from the previous response unchanged.', fields);
    start = names.findIndex((n) => n > after);
    if (start < 0) start = names.length;
  }
  const items = names.slice(start, start + max);
  const more = start + max < names.length;
  return { items, nextToken: more ? Buffer.from(JSON.stringify({ after: items[items.length - 1] })).toString('base64url') : null };
}

function segments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/**
 * Routes one EKS request. `inRegion` is false when the request was signed for another region: that
 * region has no clusters. Throws AwsError for every failure.
 */
export function handleEks(aws: SimAwsState, req: RestRequest, inRegion: boolean): RestResponse {
  const seg = segments(req.path);
  const method = req.method.toUpperCase();
  if (seg[0] === 'cluster-versions' && seg.length === 1 && method === 'GET') return { status: 200, body: describeClusterVersions(req.query, aws.now()) };
  if (seg[0] !== 'clusters') throw unknownOperation(method, req.path);
  if (seg.length === 1 && method === 'GET') {
    const names = inRegion ? [aws.clusterName] : [];
    const p = page(names, req.query, {});
    return { status: 200, body: { clusters: p.items, nextToken: p.nextToken } };
  }
  const clusterName = seg[1];
  if (!inRegion || clusterName !== aws.clusterName) {
    throw eksError('ResourceNotFoundException', `No cluster found for name: ${clusterName}.`, { clusterName: null });
  }
  const fields = { clusterName };
  if (seg.length === 2) {
    if (method === 'GET') return { status: 200, body: { cluster: clusterJson(aws) } };
    throw unknownOperation(method, req.path);
  }
  if (seg[2] === 'node-groups') {
    if (seg.length === 3 && method === 'GET') {
      const p = page([...aws.nodegroups.keys()].sort(), req.query, fields);
      return { status: 200, body: { nodegroups: p.items, nextToken: p.nextToken } };
    }
    if (seg.length === 4 && method === 'GET') {
      const ng = aws.nodegroups.get(seg[3]);
      if (!ng) throw eksError('ResourceNotFoundException', `No node group found for name: ${seg[3]}.`, { clusterName, nodegroupName: seg[3] });
      return { status: 200, body: { nodegroup: nodegroupJson(aws, ng) } };
    }
    throw unknownOperation(method, req.path);
  }
  if (seg[2] === 'fargate-profiles') {
    if (seg.length === 3 && method === 'GET') {
      const p = page(aws.listProfiles().map((x) => x.name), req.query, fields);
      return { status: 200, body: { fargateProfileNames: p.items, nextToken: p.nextToken } };
    }
    if (seg.length === 3 && method === 'POST') {
      let body: unknown;
      try {
        body = req.body.trim() === '' ? {} : JSON.parse(req.body);
      } catch (e) {
        throw eksError('BadRequestException', `The request body is not valid JSON: ${(e as Error).message}`, fields);
      }
      const profile = aws.createFargateProfile(body);
      return { status: 200, body: { fargateProfile: profileJson(profile) } };
    }
    if (seg.length === 4) {
      const name = seg[3];
      if (method === 'GET') {
        const profile = aws.getProfile(name);
        if (!profile) throw eksError('ResourceNotFoundException', `No Fargate Profile found with name: ${name}.`, { clusterName, fargateProfileName: name });
        return { status: 200, body: { fargateProfile: profileJson(profile) } };
      }
      if (method === 'DELETE') {
        const profile = aws.deleteFargateProfile(name);
        return { status: 200, body: { fargateProfile: profileJson(profile) } };
      }
    }
  }
  throw unknownOperation(method, req.path);
}

function unknownOperation(method: string, path: string) {
  return eksError('NotFoundException', `No EKS operation matches ${method} ${path} in this simulator.`);
}
