import type { ViewId } from '@/lib/ui/views';

/** A jump from a detail panel to another object: its screen, its row key, and whether to open its detail. */
export interface CrossLink {
  view: ViewId;
  sel: string;
  open?: boolean;
}
