'use client';
/**
 * Keeps the delete dialog open after its profile is gone. The dialog is opened from the profile's detail
 * panel, which disappears with the profile; mounted here instead (by the cluster screen, which stays), it can
 * show the deletion to its end. Without a host mounted, ProfileActions renders the dialog itself.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ClusterView } from '@/lib/view/model';
import { DeleteDialog } from './DeleteDialog';

type Open = { context: string; name: string } | null;

let current: Open = null;
let hosts = 0;
const listeners = new Set<() => void>();

function emit(next: Open): void {
  current = next;
  for (const l of [...listeners]) l();
}

/** True when a host is mounted to show the dialog. */
export function dialogHostMounted(): boolean {
  return hosts > 0;
}

/** Opens the delete dialog of `name` in the mounted host. */
export function openDeleteDialog(context: string, name: string): void {
  emit({ context, name });
}

const subscribe = (fn: () => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};

/** The place the delete dialog lives in while open; render it once, where the live view is. */
export function ProfileDialogHost({ view }: { view: ClusterView | null }) {
  const open = useSyncExternalStore(subscribe, () => current, () => null);
  useEffect(() => {
    hosts++;
    return () => {
      hosts--;
    };
  }, []);
  if (!open) return null;
  return <DeleteDialog context={open.context} name={open.name} view={view} onClose={() => emit(null)} />;
}
