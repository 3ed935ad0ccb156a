/**
 * TargetGroupBindings exist only where the AWS Load Balancer Controller is installed: discovered, and their
 * absence is normal. They feed the services' targets; they have no screen of their own.
 */
import type { KindDescriptor } from './types';

export const targetgroupbindings: KindDescriptor<'targetgroupbindings'> = {
  resource: 'targetgroupbindings',
  kind: 'TargetGroupBinding',
  title: 'TargetGroupBindings',
  api: { group: 'elbv2.k8s.aws', version: 'v1beta1', plural: 'targetgroupbindings', namespaced: true },
  watch: 'discover',
  snapshotOrder: 4,
  absentReason: 'AWS Load Balancer Controller not installed',
};
