'use client';

import type { Finding, Placement, ServiceView } from '@/lib/view/model';
import { worstSeverity, type Column } from '@/lib/ui/columns';
import { severityTone, statusTone, targetsTone, TONE_TEXT } from '@/lib/ui/tone';
import type { AnyRow } from '@/lib/ui/views';
import { PlaceBadge } from '../Badge';

const PLACE_BY_LABEL: Record<string, Placement> = { EC2: 'ec2', FARGATE: 'fargate', PENDING: 'pending', OTHER: 'other' };

function hasFindings(row: AnyRow): row is AnyRow & { findings: Finding[] } {
  return Array.isArray((row as { findings?: unknown }).findings);
}

/** The content of one cell; the text is the column's, the kind decides colour and shape. */
export function CellContent({ column, row, text }: { column: Column<AnyRow>; row: AnyRow; text: string }) {
  switch (column.kind) {
    case 'place':
      return PLACE_BY_LABEL[text] ? <PlaceBadge placement={PLACE_BY_LABEL[text]} /> : <span className="text-muted">{text}</span>;
    case 'status':
      return <span className={TONE_TEXT[statusTone(text)]}>{text}</span>;
    case 'findings':
      return <span className={TONE_TEXT[severityTone(hasFindings(row) ? worstSeverity(row.findings) : null)]}>{text}</span>;
    case 'targets':
      return <span className={TONE_TEXT[targetsTone(row as ServiceView)]}>{text}</span>;
    case 'eventType':
      return <span className={text === 'Warning' ? 'text-warn' : 'text-muted'}>{text}</span>;
    case 'money':
      return <span className={text === '—' || text === '$0' ? 'text-muted' : ''}>{text}</span>;
    case 'endpoint': {
      const host = (row as ServiceView).hostname;
      if (!host) return <span className="text-muted">{text}</span>;
      return (
        <a href={`http://${host}`} target="_blank" rel="noreferrer" tabIndex={-1} className="text-accent underline-offset-2 hover:underline">
          {text}
        </a>
      );
    }
    default:
      return <>{text === '—' ? <span className="text-muted">—</span> : text}</>;
  }
}
