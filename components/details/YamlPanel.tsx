'use client';

import { useQuery } from '@tanstack/react-query';
import { stringify } from 'yaml';
import { PLAIN_KINDS, type PlainCollectionName } from '@/lib/view/kinds';
import type { NodePoolView, PodView } from '@/lib/view/model';
import { objectPath, type ObjectKind } from '@/lib/ui/api-paths';
import { rowNamespace, type AnyRow, type ViewId } from '@/lib/ui/views';
import { fetchJson } from '../common/request';
import { DetailTitle, Note } from './DetailLayout';
import { usePodDetail } from './PodDetail';

// Kinds GET /api/c/[context]/objects/[kind]/[name] serves; pods come from the pod detail route.
const SERVER_KIND: Partial<Record<ViewId, ObjectKind>> = {
  nodes: 'node',
  services: 'service',
  namespaces: 'namespace',
  ...Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.resource])),
};
const NOUN: Record<ViewId, string> = {
  ...(Object.fromEntries(PLAIN_KINDS.map((k) => [k.resource, k.kind])) as Record<PlainCollectionName, string>),
  pods: 'pod',
  nodes: 'node',
  services: 'service',
  profiles: 'Fargate profile',
  nodepools: 'node pool',
  namespaces: 'namespace',
  events: 'event',
};

function YamlText({ text, error, loading }: { text: string | undefined; error: Error | null; loading: boolean }) {
  if (text !== undefined)
    return (
      <pre tabIndex={0} aria-label="YAML" data-testid="yaml" className="min-h-0 flex-1 overflow-auto p-2 font-mono text-[12px] leading-[18px] whitespace-pre">
        {text}
      </pre>
    );
  return <div className="p-2 font-mono text-[12px]">{error ? <Note tone="err">YAML unavailable: {error.message}</Note> : loading ? <Note>Loading YAML…</Note> : null}</div>;
}

function PodYaml({ context, pod }: { context: string; pod: PodView }) {
  const q = usePodDetail(context, pod);
  return <YamlText text={q.data?.yaml} error={q.error} loading={q.isLoading} />;
}

/** The object as the API server has it, from the YAML route. */
export function ObjectYaml({ context, view, row, kind: given }: { context: string; view: ViewId; row: AnyRow; kind?: ObjectKind }) {
  const kind = given ?? SERVER_KIND[view] ?? 'node';
  const name = (row as { name: string }).name;
  const ns = rowNamespace(view, row);
  const q = useQuery({
    queryKey: ['yaml', context, kind, ns, name],
    queryFn: ({ signal }) => fetchJson<{ yaml: string }>(objectPath(context, kind, name, ns), signal),
  });
  return <YamlText text={q.data?.yaml} error={q.error} loading={q.isLoading} />;
}

/** A Karpenter or Auto Mode pool is its NodePool object; other pools have none in the cluster. */
function isNodePoolObject(view: ViewId, row: AnyRow): boolean {
  if (view !== 'nodepools') return false;
  const p = row as NodePoolView;
  return (p.kind === 'karpenter' || p.kind === 'auto') && p.requirements.length + p.limits.length + p.disruption.length > 0;
}

/** The YAML of the selected object, as the cluster (or AWS, for profiles and node groups) has it. */
export function YamlPanel({ context, view, row, title }: { context: string; view: ViewId; row: AnyRow; title: string }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="yaml-panel">
      <DetailTitle kind={`${NOUN[view]} yaml`} name={title} />
      {view === 'pods' ? (
        <PodYaml context={context} pod={row as PodView} />
      ) : isNodePoolObject(view, row) ? (
        <ObjectYaml context={context} view={view} row={row} kind="nodepool" />
      ) : SERVER_KIND[view] ? (
        <ObjectYaml context={context} view={view} row={row} />
      ) : (
        <>
          {/* EKS descriptions and events have no YAML route: show the object as Farview holds it. */}
          <p className="border-b border-border px-2 py-0.5 font-mono text-[12px] text-muted">As Farview sees it (from the {view === 'events' ? 'Kubernetes events watch' : view === 'nodepools' ? 'EKS API and the nodes’ labels' : 'EKS API'}):</p>
          <YamlText text={stringify(row)} error={null} loading={false} />
        </>
      )}
    </div>
  );
}
