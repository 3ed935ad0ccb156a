/**
 * Where a new pod would be scheduled in a cluster that mixes EC2 nodes and Fargate, as EKS decides it: the
 * first ACTIVE profile that selects the pod takes it (lib/fargate/profiles.ts), unless it is a DaemonSet pod,
 * which Fargate never runs; a pod no profile takes goes to the default scheduler and the EC2 nodes. A pod a
 * profile takes but Fargate refuses (a privileged container, a size above the largest…) stays Pending.
 */
import { matchProfile, type PodLike, type ProfileLike, type ProfileMatch } from './profiles';

/** DaemonSet pods never run on Fargate: a Fargate pod is a node of its own, with no daemon on it. */
export function neverOnFargate(ownerKind: string | null | undefined): boolean {
  return ownerKind === 'DaemonSet';
}

export type Landing = 'fargate' | 'ec2' | 'refused' | 'pending';

export interface LandingFacts {
  /** The kind of the pod's controller ("Deployment", "DaemonSet"…), or the manifest's kind. */
  ownerKind: string | null | undefined;
  profiles: readonly ProfileLike[];
  /** Whether the cluster has EC2 nodes the default scheduler could use. */
  hasEc2Nodes: boolean;
  /** Whether Fargate would refuse the pod if a profile took it. */
  fargateRefuses: boolean;
}

export interface LandingAnswer {
  landing: Landing;
  /** The profile (and selector) that takes the pod, also when Fargate then refuses it. */
  match: ProfileMatch | null;
}

/** The profile that would take a new pod (its labels as they would be on the new copy), or null. */
export function takingProfile(pod: PodLike, ownerKind: string | null | undefined, profiles: readonly ProfileLike[]): ProfileMatch | null {
  return neverOnFargate(ownerKind) ? null : matchProfile(pod, profiles as ProfileLike[]);
}

/** Where a new pod lands, and the profile that takes it. */
export function landPod(pod: PodLike, facts: LandingFacts): LandingAnswer {
  const match = takingProfile(pod, facts.ownerKind, facts.profiles);
  if (match) return { landing: facts.fargateRefuses ? 'refused' : 'fargate', match };
  return { landing: facts.hasEc2Nodes ? 'ec2' : 'pending', match: null };
}
