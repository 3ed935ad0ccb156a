'use client';

import type { ClusterView, ProfileView } from '@/lib/view/model';
import { billedText, selectorText } from '@/lib/ui/columns';
import { formatAge, formatRequest, formatUSD, HOURS_PER_MONTH, trimNumber } from '@/lib/ui/format';
import { statusTone, TONE_TEXT } from '@/lib/ui/tone';
import { PlaceBadge } from '../Badge';
import { ProfileActions } from '../profiles/ProfileActions';
import { DetailTitle, Facts, FindingsList, MiniTable, Note, Section } from './DetailLayout';
import type { CrossLink } from './types';

/** A Fargate profile: its selectors, subnets and role, the pods it captured and what they cost. */
export function ProfileDetail({ profile, view, now, go }: { profile: ProfileView; view: ClusterView; now: number; go: (l: CrossLink) => void }) {
  const pods = view.pods.filter((p) => p.profile === profile.name);
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="profile-detail">
      <DetailTitle
        kind="Fargate profile"
        name={profile.name}
        extra={
          <>
            <span className={TONE_TEXT[statusTone(profile.status)]}>{profile.status}</span>
            <ProfileActions profile={profile} view={view} />
          </>
        }
      />
      <div className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px]">
        <div className="grid grid-cols-1 gap-2 xl:grid-cols-2">
          <Section title="Selectors (a pod must match every label of one selector)">
            <ol className="list-inside list-decimal">
              {profile.selectors.map((s, i) => (
                <li key={i}>{selectorText(s)}</li>
              ))}
            </ol>
          </Section>
          <Section title="Totals">
            <Facts
              items={[
                ['pods', String(profile.podCount)],
                ['billed vCPU', trimNumber(profile.billedVcpu, 2)],
                ['billed GB', trimNumber(profile.billedMemoryGiB, 2)],
                ['$/hour', formatUSD(profile.hourlyUSD)],
                ['$/month', formatUSD(profile.hourlyUSD * HOURS_PER_MONTH)],
              ]}
            />
          </Section>
          <Section title="Profile" className="xl:col-span-2">
            <Facts
              items={[
                ['subnets', profile.subnets.join(', ') || '—'],
                ['pod execution role', <span key="r" className="break-all">{profile.podExecutionRoleArn || '—'}</span>],
                ['tags', Object.entries(profile.tags).map(([k, v]) => `${k}=${v}`).join(', ') || '—'],
                ['age', formatAge(profile.createdAt, now)],
                [
                  'health',
                  profile.healthIssues.length ? (
                    <ul key="h">
                      {profile.healthIssues.map((h, i) => (
                        <li key={i} className="text-err">
                          {h.code}: {h.message}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'no issues'
                  ),
                ],
              ]}
            />
          </Section>
          <Section title={`Pods captured (${pods.length})`} className="xl:col-span-2">
            {pods.length ? (
              <MiniTable
                label="Pods captured by this profile"
                headers={['NAMESPACE', 'NAME', 'PLACE', 'SELECTOR', 'REQUESTED', 'BILLED', '$/H']}
                rows={pods.map((p) => [
                  p.namespace,
                  <button key="n" type="button" className="text-accent hover:underline" onClick={() => go({ view: 'pods', sel: `${p.namespace}/${p.name}` })}>
                    {p.name}
                  </button>,
                  <PlaceBadge key="b" placement={p.placement} />,
                  p.selectorIndex === null ? '—' : `#${p.selectorIndex + 1}`,
                  formatRequest(p.request),
                  billedText(p),
                  formatUSD(p.hourlyUSD),
                ])}
              />
            ) : (
              <Note>No pods match this profile now.</Note>
            )}
          </Section>
          <Section title="Findings" className="xl:col-span-2">
            <FindingsList findings={profile.findings} />
          </Section>
        </div>
      </div>
    </div>
  );
}
