// The body of POST .../sync from the dialog's choices.
import type { ResourceRef, SyncRequest } from '../api/types';

/** GROUP:KIND:NAME, the form operationState.resources and `keelson app sync --resource` use. */
export function resourceId(r: ResourceRef): string {
  return `${r.group}:${r.kind}:${r.name}`;
}

/** Every object chosen means no restriction, so objects added to Git meanwhile are synced too. */
export function syncRequest(prune: boolean, dryRun: boolean, all: readonly ResourceRef[], chosen: ReadonlySet<string>): SyncRequest {
  const ids = all.map(resourceId);
  const everything = ids.every((id) => chosen.has(id));
  return { prune, dryRun, resources: everything ? [] : ids.filter((id) => chosen.has(id)) };
}
