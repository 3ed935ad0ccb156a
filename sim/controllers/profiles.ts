import type { AwsEvent } from '../aws/state';
import { PROFILE_LABEL } from './objects';
import { DELAYS, type Controller, type Runtime } from './runtime';

/**
 * The EKS side of a Fargate profile's life: CREATING becomes ACTIVE after a delay (pods that already
 * exist do not move); DELETING deletes the pods the profile placed — their controllers recreate them
 * and the schedulers place the new pods wherever they now match — and then the profile disappears.
 */
export function profileController(rt: Runtime): Controller {
  const { aws, store } = rt;

  function activateLater(name: string): void {
    rt.timers.after(rt.delay(DELAYS.profileCreate), () => {
      if (aws.getProfile(name)?.status === 'CREATING') aws.setProfileStatus(name, 'ACTIVE');
    });
  }

  function deleteLater(name: string): void {
    rt.timers.after(rt.delay(DELAYS.profileDelete), () => {
      if (aws.getProfile(name)?.status !== 'DELETING') return;
      for (const { obj } of store.listRaw('Pod')) {
        if (obj.metadata.labels?.[PROFILE_LABEL] === name) store.delete('Pod', obj.metadata.namespace ?? null, obj.metadata.name);
      }
      aws.removeProfile(name);
    });
  }

  return {
    onAws(ev: AwsEvent) {
      if (ev.type === 'profile-created' && ev.profile.status === 'CREATING') activateLater(ev.profile.name);
      if (ev.type === 'profile-status' && ev.profile.status === 'DELETING') deleteLater(ev.profile.name);
    },
    start() {
      for (const p of aws.listProfiles()) {
        if (p.status === 'CREATING') activateLater(p.name);
        if (p.status === 'DELETING') deleteLater(p.name);
      }
    },
  };
}
