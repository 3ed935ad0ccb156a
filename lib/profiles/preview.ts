/**
 * What a new (or replacement) Fargate profile would do to the pods that exist now, and what deleting one
 * would do: pure functions over the current ClusterView.
 *
 * Fargate decides when a pod is scheduled, so existing pods move only when they are recreated. For every
 * running or pending pod the preview asks which profile EKS would pick for a new copy of it: the ACTIVE
 * profiles plus the draft (treated as ACTIVE), the first by name winning (lib/fargate/profiles.ts). Pods the
 * draft wins are "captured": from an EC2 node, from another profile, or out of Pending; each gets its Fargate
 * size and price, and every reason Fargate would refuse it (lib/lint/podspec.ts fargateIssues).
 */
import { formatCapacityProvisioned } from '../fargate/capacity';
import { fargateHourlyUSD } from '../fargate/prices';
import { neverOnFargate, takingProfile } from '../fargate/landing';
import { matchProfile, PROFILE_LABEL, type ProfileLike } from '../fargate/profiles';
import { sizePod } from '../fargate/sizing';
import type { FargateSize, PodSpecLike, RegionPrices, Resources } from '../fargate/types';
import { sumUSD } from '../cost/money';
import { fargateIssues } from '../lint/podspec';
import type { ClusterView, OwnerRef, Placement, PodView, PriceRef } from '../view/model';
import type { SelectorSpec } from './form';

/** What the server knows of a live pod beyond its PodView: the admitted spec and annotations. */
export interface PodObjectFacts {
  spec: PodSpecLike;
  annotations?: Record<string, string>;
}

/** Finds the pod object behind a PodView (lib/server passes the informer's cache); null when unknown. */
export type PodFactsLookup = (pod: PodView) => PodObjectFacts | null | undefined;

export interface DraftProfile {
  name: string;
  selectors: SelectorSpec[];
}

/** How a captured pod gets onto Fargate: a Deployment rollout restart, its own controller, or by hand. */
export type MoveKind = 'deployment' | 'controller' | 'bare';

export interface PodOrigin {
  placement: Placement;
  node: string | null;
  profile: string | null;
  /** "EC2 node ip-… (node group managed-ng)", "Fargate profile test2-fargate", "Pending". */
  text: string;
}

export interface CapturedPod {
  id: string;
  namespace: string;
  name: string;
  workload: OwnerRef | null;
  from: PodOrigin;
  /** 0-based selector of the draft that matches. */
  selectorIndex: number;
  /** The effective request (what Fargate sizes from, before the 256 MiB). */
  request: Resources;
  size: FargateSize | null;
  capacityProvisioned: string | null;
  /** What the pod costs now (Fargate price, or its share of an EC2 node). */
  hourlyNowUSD: number;
  /** Its list price on Fargate at `size` (0 when Fargate cannot run it or prices are unknown). */
  hourlyOnFargateUSD: number;
  /** Why Fargate would not run it; empty when it would. */
  issues: string[];
  move: MoveKind;
}

export interface ShadowedPod {
  id: string;
  namespace: string;
  name: string;
  /** The profile that sorts first and keeps the pod. */
  winner: string;
}

export interface ExcludedPod {
  id: string;
  namespace: string;
  name: string;
  reason: string;
}

/** A pod the deleted (or replaced) profile holds: it is deleted, and its controller's new copy lands `next`. */
export interface DisplacedPod {
  id: string;
  namespace: string;
  name: string;
  workload: OwnerRef | null;
  hourlyUSD: number;
  /** "Fargate profile x", "EC2 (default scheduler), if a node has room", "not recreated: no controller". */
  next: string;
  nextPlacement: 'fargate' | 'ec2' | 'gone';
}

export interface DeploymentRef {
  namespace: string;
  name: string;
  pods: number;
}

export interface CostChange {
  /** The captured pods' cost now. */
  capturedNowUSD: number;
  /** The captured pods' cost on Fargate. */
  capturedOnFargateUSD: number;
  clusterNowUSD: number;
  /** After every captured pod was recreated (and, for a replace, the old profile deleted). */
  clusterAfterUSD: number;
}

export interface ProfilePreview {
  profile: string;
  replacing: string | null;
  captured: CapturedPod[];
  /** Captured pods Fargate would refuse: recreated, they would stay Pending. */
  blocked: number;
  shadowed: ShadowedPod[];
  excluded: ExcludedPod[];
  /** Replace only: pods of the old profile that the new one does not take. */
  displaced: DisplacedPod[];
  /** The Deployments a rollout restart would move, with how many captured pods each has. */
  deployments: DeploymentRef[];
  cost: CostChange;
  prices: PriceRef | null;
  notes: string[];
}

export interface DeletePreview {
  profile: string;
  status: string | null;
  pods: DisplacedPod[];
  hourlyUSD: number;
  notes: string[];
}

const EC2_NOTE =
  'EC2 nodes keep running, and costing, after their pods leave: the "after" figure assumes the node group stays the same size until it scales in.';

/**
 * The labels a new copy of the pod would carry. Fargate writes eks.amazonaws.com/fargate-profile on the pods
 * it schedules, so on a Fargate pod that label is dropped; on any other pod it was set by the user, to pin a
 * profile, and is kept.
 */
export function recreatedLabels(pod: PodView): Record<string, string> {
  if (pod.placement !== 'fargate' || !(PROFILE_LABEL in pod.labels)) return pod.labels;
  const { [PROFILE_LABEL]: _written, ...rest } = pod.labels;
  void _written;
  return rest;
}

/** Running or waiting to run: finished pods are not recreated, and are left out. */
export function isLive(pod: PodView): boolean {
  return pod.placement !== 'other' && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

function originOf(pod: PodView, view: ClusterView): PodOrigin {
  if (pod.placement === 'fargate') {
    return { placement: 'fargate', node: pod.nodeName, profile: pod.profile, text: pod.profile ? `Fargate profile ${pod.profile}` : `Fargate node ${pod.nodeName ?? '?'}` };
  }
  if (pod.placement === 'ec2') {
    const group = view.nodes.find((n) => n.name === pod.nodeName)?.nodegroup;
    return { placement: 'ec2', node: pod.nodeName, profile: null, text: `EC2 node ${pod.nodeName ?? '?'}${group ? ` (node group ${group})` : ''}` };
  }
  return { placement: pod.placement, node: pod.nodeName, profile: null, text: pod.placement === 'pending' ? 'Pending' : pod.status };
}

function moveOf(pod: PodView): MoveKind {
  if (pod.workload?.kind === 'Deployment') return 'deployment';
  return pod.owner ? 'controller' : 'bare';
}

function activeProfiles(view: ClusterView, without: string | null): ProfileLike[] {
  return view.profiles.filter((p) => p.name !== without).map((p) => ({ name: p.name, status: p.status, selectors: p.selectors }));
}

function sizeAndIssues(pod: PodView, lookup: PodFactsLookup | undefined): { size: FargateSize | null; ephemeral: number; issues: string[] } {
  const facts = lookup?.(pod) ?? null;
  if (!facts) {
    // Without the object, the view's own findings say what Fargate would refuse.
    const issues = pod.findings.filter((f) => f.rule === 'fargate-unsupported').map((f) => f.message.replace(/^Matched by Fargate profile \S+, but /, ''));
    return { size: pod.expectedSize, ephemeral: 0, issues };
  }
  const issues = fargateIssues(facts.spec, { kind: 'Pod' });
  let size = pod.expectedSize;
  let ephemeral = 0;
  try {
    const s = sizePod(facts.spec);
    size = s.size;
    ephemeral = s.ephemeralStorageBytes;
  } catch {
    // fargateIssues already reported the bad quantity.
  }
  // CoreDNS ships with this annotation to keep it on EC2 (EKS "Getting started with Fargate").
  if (facts.annotations?.['eks.amazonaws.com/compute-type'] === 'ec2') {
    issues.push('annotation eks.amazonaws.com/compute-type: ec2 keeps the pod off Fargate; remove it from the pod template');
  }
  return { size, ephemeral, issues };
}

function deploymentsOf(pods: readonly CapturedPod[]): DeploymentRef[] {
  const map = new Map<string, DeploymentRef>();
  for (const p of pods) {
    if (p.move !== 'deployment' || !p.workload || p.issues.length) continue;
    const key = `${p.namespace}/${p.workload.name}`;
    const d = map.get(key) ?? { namespace: p.namespace, name: p.workload.name, pods: 0 };
    d.pods++;
    map.set(key, d);
  }
  return [...map.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** Where a pod of `profile` goes when that profile is gone: another ACTIVE profile, EC2, or nowhere. */
function displaced(pod: PodView, remaining: ProfileLike[]): DisplacedPod {
  const base = { id: pod.id, namespace: pod.namespace, name: pod.name, workload: pod.workload, hourlyUSD: pod.hourlyUSD };
  if (!pod.owner) return { ...base, next: 'not recreated: the pod has no controller, so it is gone for good', nextPlacement: 'gone' };
  const m = takingProfile({ namespace: pod.namespace, labels: recreatedLabels(pod) }, pod.owner.kind, remaining);
  if (m) return { ...base, next: `Fargate profile ${m.profile} (selector ${m.selectorIndex + 1})`, nextPlacement: 'fargate' };
  return { ...base, next: 'EC2 (default scheduler), if a node has room; else Pending', nextPlacement: 'ec2' };
}

/**
 * Which existing pods `draft` would capture once ACTIVE, from where, at what size and price, which of them
 * Fargate would refuse, and the cluster's $/hour before and after they are recreated.
 * @param opts.replacing the profile the draft replaces: it is left out, and its pods the draft does not take are `displaced`
 * @param opts.lookup the pod objects (admitted specs), for sizing with ephemeral storage and fargateIssues
 * @param opts.prices the region's prices; without them Fargate costs are 0 and a note says so
 */
export function previewProfile(
  view: ClusterView,
  draft: DraftProfile,
  opts: { replacing?: string | null; lookup?: PodFactsLookup; prices: RegionPrices | null },
): ProfilePreview {
  const replacing = opts.replacing ?? null;
  const others = activeProfiles(view, replacing);
  const withDraft: ProfileLike[] = [...others.filter((p) => p.name !== draft.name), { name: draft.name, status: 'ACTIVE', selectors: draft.selectors }];
  const draftOnly: ProfileLike[] = [{ name: draft.name, status: 'ACTIVE', selectors: draft.selectors }];

  const captured: CapturedPod[] = [];
  const shadowed: ShadowedPod[] = [];
  const excluded: ExcludedPod[] = [];
  const displacedPods: DisplacedPod[] = [];
  for (const pod of view.pods) {
    if (!isLive(pod)) continue;
    const ref = { namespace: pod.namespace, labels: recreatedLabels(pod) };
    const own = matchProfile(ref, draftOnly);
    const onReplaced = replacing !== null && pod.placement === 'fargate' && pod.profile === replacing;
    if (!own) {
      if (onReplaced) displacedPods.push(displaced(pod, others));
      continue;
    }
    if (neverOnFargate(pod.owner?.kind)) {
      excluded.push({ id: pod.id, namespace: pod.namespace, name: pod.name, reason: 'DaemonSet pods never run on Fargate; they stay on the EC2 nodes' });
      continue;
    }
    const winner = takingProfile(ref, pod.owner?.kind, withDraft);
    if (winner && winner.profile !== draft.name) {
      shadowed.push({ id: pod.id, namespace: pod.namespace, name: pod.name, winner: winner.profile });
      if (onReplaced) displacedPods.push(displaced(pod, others));
      continue;
    }
    const { size, ephemeral, issues } = sizeAndIssues(pod, opts.lookup);
    const runnable = issues.length === 0 && size !== null;
    captured.push({
      id: pod.id,
      namespace: pod.namespace,
      name: pod.name,
      workload: pod.workload,
      from: originOf(pod, view),
      selectorIndex: own.selectorIndex,
      request: pod.request,
      size,
      capacityProvisioned: size ? formatCapacityProvisioned(size) : null,
      hourlyNowUSD: pod.hourlyUSD,
      hourlyOnFargateUSD: runnable && opts.prices && size ? fargateHourlyUSD(size, opts.prices, ephemeral) : 0,
      issues,
      move: moveOf(pod),
    });
  }
  captured.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));

  // Fargate pods stop billing when they leave; EC2 shares do not go away (the node still runs).
  const delta =
    sumUSD(captured.map((p) => p.hourlyOnFargateUSD - (p.from.placement === 'fargate' ? p.hourlyNowUSD : 0))) -
    sumUSD(displacedPods.filter((p) => p.nextPlacement !== 'fargate').map((p) => p.hourlyUSD));
  const clusterNowUSD = view.totals.hourlyUSD;
  const notes: string[] = [];
  if (!opts.prices) notes.push(`No Fargate prices for region ${view.meta.region ?? '(unknown)'}: costs on Fargate show as $0.`);
  if (captured.some((p) => p.from.placement === 'ec2')) notes.push(EC2_NOTE);
  if (captured.length === 0) notes.push('No existing pod would move: only pods created from now on that match the selectors land on this profile.');
  else notes.push('Existing pods move only when they are recreated: restart their workloads once the profile is ACTIVE.');
  if (captured.some((p) => p.move === 'bare')) notes.push('Pods without a controller are never recreated by a restart: delete and create them again by hand.');
  if (shadowed.length) notes.push('Shadowed pods match this profile too, but a profile whose name sorts first takes them (EKS picks the first by name).');

  return {
    profile: draft.name,
    replacing,
    captured,
    blocked: captured.filter((p) => p.issues.length > 0 || p.size === null).length,
    shadowed,
    excluded,
    displaced: displacedPods,
    deployments: deploymentsOf(captured),
    cost: {
      capturedNowUSD: sumUSD(captured.map((p) => p.hourlyNowUSD)),
      capturedOnFargateUSD: sumUSD(captured.map((p) => p.hourlyOnFargateUSD)),
      clusterNowUSD,
      clusterAfterUSD: Math.max(0, clusterNowUSD + delta),
    },
    prices: view.meta.prices ? { region: view.meta.prices.region, source: view.meta.prices.source, date: view.meta.prices.date, origin: view.meta.prices.origin } : null,
    notes,
  };
}

/**
 * What deleting `name` does: EKS deletes every pod the profile runs; each controller's new copy lands on the
 * next matching profile, on EC2, or — for pods without a controller — nowhere.
 */
export function previewDelete(view: ClusterView, name: string): DeletePreview {
  const profile = view.profiles.find((p) => p.name === name) ?? null;
  const remaining = activeProfiles(view, name);
  const pods = view.pods.filter((p) => isLive(p) && p.placement === 'fargate' && p.profile === name).map((p) => displaced(p, remaining));
  pods.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const notes: string[] = [];
  if (pods.length === 0) notes.push('The profile runs no pods now: deleting it stops no pod.');
  else notes.push(`Deleting the profile deletes its ${pods.length} pod${pods.length === 1 ? '' : 's'}; controllers recreate them where they match next.`);
  if (pods.some((p) => p.nextPlacement === 'gone')) notes.push('Pods without a controller are not recreated.');
  return { profile: name, status: profile?.status ?? null, pods, hourlyUSD: sumUSD(pods.map((p) => p.hourlyUSD)), notes };
}
