'use client';

import { plainKindOf, type PlainRow } from '@/lib/view/kinds';
import type { ClusterView, NodePoolView, NodeView, PodView, ProfileView, ServiceView } from '@/lib/view/model';
import type { OpenPanel } from '@/lib/ui/url-state';
import { viewInfo, type AnyRow, type ViewId } from '@/lib/ui/views';
import { StateMessage } from '../cluster/StateMessage';
import { NodeDetail } from './NodeDetail';
import { NodePoolDetail } from './NodePoolDetail';
import { PlainDetail } from './PlainDetail';
import { PodDetail } from './PodDetail';
import { ProfileDetail } from './ProfileDetail';
import { ServiceDetail } from './ServiceDetail';
import type { CrossLink } from './types';
import { YamlPanel } from './YamlPanel';

interface Props {
  context: string;
  viewId: ViewId;
  panel: OpenPanel;
  /** The URL's `sel`, for the not-found message. */
  selKey: string;
  row: AnyRow | null;
  view: ClusterView;
  now: number;
  go: (l: CrossLink) => void;
  onCopy: (text: string) => void;
}

/** The drill-down of the selected object: its detail screen, or its YAML. */
export function DetailPanel({ context, viewId, panel, selKey, row, view, now, go, onCopy }: Props) {
  if (!row) {
    return (
      <StateMessage title={`No ${viewInfo(viewId).noun.replace(/s$/, '')} "${selKey}" in the cluster now`} tone="warn" testId="detail-missing">
        <p>It may have been deleted or replaced (pods of a Deployment get new names), or the link is old.</p>
        <p className="text-muted">
          <kbd className="text-accent">esc</kbd> goes back to the list.
        </p>
      </StateMessage>
    );
  }
  if (panel === 'yaml') return <YamlPanel context={context} view={viewId} row={row} title={selKey} />;
  switch (viewId) {
    case 'pods':
      return <PodDetail context={context} pod={row as PodView} view={view} now={now} go={go} />;
    case 'nodes':
      return <NodeDetail node={row as NodeView} view={view} now={now} go={go} />;
    case 'services':
      return <ServiceDetail svc={row as ServiceView} view={view} now={now} go={go} onCopy={onCopy} />;
    case 'profiles':
      return <ProfileDetail profile={row as ProfileView} view={view} now={now} go={go} />;
    case 'nodepools':
      return <NodePoolDetail group={row as NodePoolView} view={view} go={go} />;
    default: {
      const plain = plainKindOf(viewId);
      if (plain) return <PlainDetail context={context} kind={plain} row={row as PlainRow} now={now} />;
      return <YamlPanel context={context} view={viewId} row={row} title={selKey} />;
    }
  }
}
