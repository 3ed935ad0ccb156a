/**
 * Which subnets a Fargate profile may use. EKS accepts only private subnets, "with no direct route to an
 * Internet Gateway" (CreateFargateProfile API; docs/fargate-facts.md §6), so public ones are offered
 * disabled, with the route that makes them public as the reason.
 */

/** What lib/server learns about one subnet of the cluster's VPC. */
export interface SubnetFact {
  id: string;
  zone: string | null;
  cidr: string | null;
  /** Its route table (explicit, else the VPC's main one) routes to an internet gateway. */
  public: boolean;
  /** The igw-… that route goes to, when public. */
  internetGatewayId: string | null;
  /** One of the subnets the cluster was created with (resourcesVpcConfig.subnetIds). */
  inCluster: boolean;
}

/** A subnet as the form offers it. */
export interface SubnetChoice extends SubnetFact {
  selectable: boolean;
  /** Why it cannot be chosen, or a caution when it can; null when there is nothing to say. */
  reason: string | null;
}

/** The reason shown for a public subnet. */
export function publicSubnetReason(igw: string | null): string {
  return `public: route to an internet gateway ${igw ?? 'igw-…'}; Fargate accepts private subnets only`;
}

/**
 * Subnets as the form shows them: private ones of the cluster first (selectable), then private ones of the VPC
 * that the cluster was not created with (selectable, with a caution), then public ones (disabled, with the
 * reason). Within each group, by zone then id.
 */
export function subnetChoices(facts: readonly SubnetFact[]): SubnetChoice[] {
  const rank = (s: SubnetFact) => (s.public ? 2 : s.inCluster ? 0 : 1);
  return [...facts]
    .sort((a, b) => rank(a) - rank(b) || (a.zone ?? '').localeCompare(b.zone ?? '') || a.id.localeCompare(b.id))
    .map((s) => {
      if (s.public) return { ...s, selectable: false, reason: publicSubnetReason(s.internetGatewayId) };
      if (!s.inCluster) return { ...s, selectable: true, reason: "private, but not one of the cluster's subnets: EKS may refuse it" };
      return { ...s, selectable: true, reason: null };
    });
}
