'use client';

import type { PlainKind, PlainRow } from '@/lib/view/kinds';
import type { AnyRow, ViewId } from '@/lib/ui/views';
import { DetailTitle, Facts, Section } from './DetailLayout';
import { ObjectYaml } from './YamlPanel';

/** A plain kind's detail: the facts its descriptor lists, then the object's YAML. */
export function PlainDetail({ context, kind, row, now }: { context: string; kind: PlainKind<string, never, PlainRow>; row: PlainRow; now: number }) {
  const name = kind.api.namespaced ? `${row.namespace ?? ''}/${row.name}` : row.name;
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="plain-detail">
      <DetailTitle kind={kind.kind.toLowerCase()} name={name} />
      <div className="flex min-h-0 flex-1 flex-col overflow-auto p-2 font-mono text-[12px]">
        <Section title={kind.kind}>
          <Facts items={kind.plain.screen.facts(row as never, now)} />
        </Section>
        <Section title="YAML" className="mt-2 flex min-h-0 flex-1 flex-col">
          <ObjectYaml context={context} view={kind.resource as ViewId} row={row as AnyRow} />
        </Section>
      </div>
    </div>
  );
}
