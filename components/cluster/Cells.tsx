'use client';

import type { Finding, Placement, ServiceView } from '@/lib/view/model';
import { worstSeverity, type Column } from '@/lib/ui/columns';
import { nameTail } from '@/lib/ui/column-kit';
import { severityTone, statusTone, targetsTone, TONE_TEXT } from '@/lib/ui/tone';
import type { AnyRow } from '@/lib/ui/views';
import { PlaceBadge } from '../Badge';

const PLACE_BY_LABEL: Record<string, Placement> = { EC2: 'ec2', FARGATE: 'fargate', PENDING: 'pending', OTHER: 'other' };

function hasFindings(row: AnyRow): row is AnyRow & { findings: Finding[] } {
  return Array.isArray((row as { findings?: unknown }).findings);
}

/**
 * The colour class of a cell; the kind decides it from the text. It goes on the cell itself rather than
 * on a span inside it: a list shows ~50 rows of a dozen cells and every element costs style and layout
 * time whenever the rows change (each filter keystroke).
 */
export function cellTone(column: Column<AnyRow>, row: AnyRow, text: string): string {
  switch (column.kind) {
    case 'place':
      return PLACE_BY_LABEL[text] ? '' : 'text-muted';
    case 'status':
      return TONE_TEXT[statusTone(text)];
    case 'findings':
      return TONE_TEXT[severityTone(hasFindings(row) ? worstSeverity(row.findings) : null)];
    case 'targets':
      return TONE_TEXT[targetsTone(row as ServiceView)];
    case 'eventType':
      return text === 'Warning' ? 'text-warn' : 'text-muted';
    case 'money':
      return text === '—' || text === '$0' ? 'text-muted' : '';
    case 'endpoint':
      return (row as ServiceView).hostname ? '' : 'text-muted';
    default:
      return text === '—' ? 'text-muted' : '';
  }
}

/** The content of one cell: its text, or the placement badge or the endpoint link that carry it. A plain function, not a component: one fiber fewer per cell. */
export function cellContent(column: Column<AnyRow>, row: AnyRow, text: string): React.ReactNode {
  if (column.kind === 'place' && PLACE_BY_LABEL[text]) return <PlaceBadge placement={PLACE_BY_LABEL[text]} />;
  if (column.kind === 'name') {
    // Two spans only for long names: the head takes the ellipsis, the tail that tells rows apart stays.
    const tail = nameTail(text);
    if (!tail) return text;
    return (
      <span className="flex min-w-0">
        <span className="truncate">{text.slice(0, text.length - tail.length)}</span>
        <span className="shrink-0">{tail}</span>
      </span>
    );
  }
  const host = column.kind === 'endpoint' ? (row as ServiceView).hostname : null;
  if (host) {
    return (
      <a href={`http://${host}`} target="_blank" rel="noreferrer" tabIndex={-1} className="text-accent underline-offset-2 hover:underline">
        {text}
      </a>
    );
  }
  return text;
}
