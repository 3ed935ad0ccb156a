/**
 * EKS DescribeClusterVersions (GET /cluster-versions): the Kubernetes versions EKS runs, with their release,
 * end of standard support and end of extended support, from the EKS user guide's release calendar
 * ("Amazon EKS Kubernetes release calendar"). Each version's status is computed at the simulator's clock:
 * standard support until its end date, then extended support, then unsupported.
 */
import { eksError } from './errors';

interface VersionDates {
  version: string;
  release: string;
  endOfStandard: string;
  endOfExtended: string;
  patch: string;
}

// The calendar as the EKS user guide publishes it.
const CALENDAR: readonly VersionDates[] = [
  { version: '1.28', release: '2023-09-26', endOfStandard: '2024-11-26', endOfExtended: '2025-11-26', patch: '1.28.15' },
  { version: '1.29', release: '2024-01-23', endOfStandard: '2025-03-23', endOfExtended: '2026-03-23', patch: '1.29.15' },
  { version: '1.30', release: '2024-05-23', endOfStandard: '2025-07-23', endOfExtended: '2026-07-23', patch: '1.30.14' },
  { version: '1.31', release: '2024-09-26', endOfStandard: '2025-11-26', endOfExtended: '2026-11-26', patch: '1.31.13' },
  { version: '1.32', release: '2025-01-23', endOfStandard: '2026-03-23', endOfExtended: '2027-03-23', patch: '1.32.9' },
  { version: '1.33', release: '2025-05-29', endOfStandard: '2026-07-29', endOfExtended: '2027-07-29', patch: '1.33.5' },
  { version: '1.34', release: '2025-10-02', endOfStandard: '2026-12-02', endOfExtended: '2027-12-02', patch: '1.34.1' },
];

const epoch = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;

function statusAt(v: VersionDates, nowMs: number): { status: string; versionStatus: string } {
  if (nowMs < epoch(v.endOfStandard) * 1000) return { status: 'standard-support', versionStatus: 'STANDARD_SUPPORT' };
  if (nowMs < epoch(v.endOfExtended) * 1000) return { status: 'extended-support', versionStatus: 'EXTENDED_SUPPORT' };
  return { status: 'unsupported', versionStatus: 'UNSUPPORTED' };
}

/** The response of GET /cluster-versions, filtered by `clusterVersions` (repeated) and `versionStatus`. */
export function describeClusterVersions(query: URLSearchParams, now: Date): Record<string, unknown> {
  const wanted = query.getAll('clusterVersions').flatMap((v) => v.split(','));
  const status = query.get('versionStatus');
  if (status && !['STANDARD_SUPPORT', 'EXTENDED_SUPPORT', 'UNSUPPORTED'].includes(status)) {
    throw eksError('InvalidParameterException', `versionStatus must be one of STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED, got ${status}`);
  }
  const nowMs = now.getTime();
  const newest = CALENDAR[CALENDAR.length - 1].version;
  const items = CALENDAR.filter((v) => wanted.length === 0 || wanted.includes(v.version))
    .map((v) => ({ v, s: statusAt(v, nowMs) }))
    .filter(({ s }) => !status || s.versionStatus === status)
    .map(({ v, s }) => ({
      clusterVersion: v.version,
      clusterType: 'eks',
      defaultPlatformVersion: 'eks.1',
      defaultVersion: v.version === newest,
      releaseDate: epoch(v.release),
      endOfStandardSupportDate: epoch(v.endOfStandard),
      endOfExtendedSupportDate: epoch(v.endOfExtended),
      status: s.status,
      versionStatus: s.versionStatus,
      kubernetesPatchVersion: v.patch,
    }));
  return { clusterVersions: items, nextToken: null };
}
