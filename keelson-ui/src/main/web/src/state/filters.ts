// The list's filters: one typed query, sent to the server and applied to live events alike.
import type { AppEvent, AppSummary, HealthState, SyncState } from '../api/types';

export interface AppQuery {
  search: string;
  sync?: SyncState;
  health?: HealthState;
  project?: string;
  cluster?: string;
  namespace?: string;
  /** A label selector term: `key` or `key=value`. */
  label?: string;
}

export const EMPTY_QUERY: AppQuery = { search: '' };

export function toSearchParams(q: AppQuery): URLSearchParams {
  const p = new URLSearchParams();
  const search = q.search.trim();
  if (search) p.set('search', search);
  for (const key of ['sync', 'health', 'project', 'cluster', 'namespace', 'label'] as const) {
    const v = q[key];
    if (v) p.set(key, v);
  }
  return p;
}

/** The query a URL's search string describes, so a filtered list can be bookmarked. */
export function fromSearchParams(p: URLSearchParams): AppQuery {
  const q: AppQuery = { search: p.get('search') ?? '' };
  const sync = p.get('sync');
  const health = p.get('health');
  if (sync) q.sync = sync as SyncState;
  if (health) q.health = health as HealthState;
  for (const key of ['project', 'cluster', 'namespace', 'label'] as const) {
    const v = p.get(key);
    if (v) q[key] = v;
  }
  return q;
}

function labelMatches(labels: Record<string, string>, term: string): boolean {
  const eq = term.indexOf('=');
  if (eq < 0) return Object.prototype.hasOwnProperty.call(labels, term.trim());
  const key = term.slice(0, eq).trim();
  return labels[key] === term.slice(eq + 1).trim();
}

/** The same test the server applies, so a live change is shown or hidden as a reload would. */
export function matches(app: AppSummary, q: AppQuery): boolean {
  if (q.sync && app.sync !== q.sync) return false;
  if (q.health && app.health !== q.health) return false;
  if (q.project && app.project !== q.project) return false;
  if (q.cluster && app.cluster !== q.cluster) return false;
  if (q.namespace && app.namespace !== q.namespace) return false;
  if (q.label && !labelMatches(app.labels ?? {}, q.label)) return false;
  const search = q.search.trim().toLowerCase();
  if (search) {
    const hay = `${app.namespace}/${app.name} ${app.repoURL} ${app.path ?? ''}`.toLowerCase();
    if (!hay.includes(search)) return false;
  }
  return true;
}

export function appKey(app: Pick<AppSummary, 'namespace' | 'name'>): string {
  return `${app.namespace}/${app.name}`;
}

/**
 * The list after one live event: a changed app is replaced in place (keeping the scroll
 * position steady), a new matching one is appended, and one that no longer matches goes.
 */
export function applyEvent(list: readonly AppSummary[], e: AppEvent, q: AppQuery): AppSummary[] {
  const key = appKey(e.application);
  const at = list.findIndex((a) => appKey(a) === key);
  const keep = e.type !== 'DELETED' && matches(e.application, q);
  if (at < 0) return keep ? [...list, e.application] : (list as AppSummary[]);
  const next = list.slice();
  if (keep) next[at] = e.application;
  else next.splice(at, 1);
  return next;
}

export interface LocalCounts {
  total: number;
  sync: Record<string, number>;
  health: Record<string, number>;
}

/** Counts per state of the apps in hand, for when live events have moved them since the load. */
export function countStates(list: readonly AppSummary[]): LocalCounts {
  const c: LocalCounts = { total: list.length, sync: {}, health: {} };
  for (const a of list) {
    c.sync[a.sync] = (c.sync[a.sync] ?? 0) + 1;
    c.health[a.health] = (c.health[a.health] ?? 0) + 1;
  }
  return c;
}
