/** Pods of one Deployment share namespace and labels: they are matched against the profiles once. */
import type { EksFargateProfile } from '../aws';
import { profileMatchFor, type ProfileMatchInfo } from '../pod-view';

export class ProfileMatchCache {
  private readonly cache = new Map<string, ProfileMatchInfo>();

  get(pod: { namespace: string; labels: Record<string, string> }, profiles: readonly EksFargateProfile[]): ProfileMatchInfo {
    const keys = Object.keys(pod.labels).sort();
    // Label keys and values never contain control characters, so they can delimit the cache key.
    const key = `${pod.namespace}\u0000${keys.map((k) => `${k}\u0001${pod.labels[k]}`).join('\u0002')}`;
    let info = this.cache.get(key);
    if (!info) {
      if (this.cache.size > 50_000) this.cache.clear();
      info = profileMatchFor(pod, profiles);
      this.cache.set(key, info);
    }
    return info;
  }

  /** The profiles changed: every match may differ. */
  clear(): void {
    this.cache.clear();
  }
}
