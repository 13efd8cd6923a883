// The list's filters: one typed query, sent to the server and applied to live events alike.
import type { AppChange, AppSummary, HealthState, SyncState } from '../api/types';

export interface AppQuery {
  search: string;
  sync?: SyncState;
  health?: HealthState;
  project?: string;
  cluster?: string;
  namespace?: string;
  /** A label selector term: `key`, `key=value` or `key!=value`. */
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

/** The stream's filter: every filter but sync and health, since leaving a state is news too. */
export function streamParams(q: AppQuery): URLSearchParams {
  const p = toSearchParams(q);
  p.delete('sync');
  p.delete('health');
  return p;
}

function labelMatches(labels: Record<string, string>, term: string): boolean {
  const ne = term.indexOf('!=');
  if (ne > 0) return labels[term.slice(0, ne)] !== term.slice(ne + 2);
  const eq = term.indexOf('=');
  if (eq < 0) return Object.prototype.hasOwnProperty.call(labels, term);
  return labels[term.slice(0, eq)] === term.slice(eq + 1);
}

/** The same test the server applies, so a live change is shown or hidden as a reload would. */
export function matches(app: AppSummary, q: AppQuery): boolean {
  if (q.sync && app.sync !== q.sync) return false;
  if (q.health && app.health !== q.health) return false;
  if (q.project && app.project !== q.project) return false;
  if (q.cluster && app.cluster !== q.cluster) return false;
  if (q.namespace && app.namespace !== q.namespace) return false;
  if (q.label && !labelMatches(app.labels ?? {}, q.label.trim())) return false;
  const search = q.search.trim().toLowerCase();
  if (search) {
    // The fields the server searches, each on its own line so no match spans two of them.
    const hay = [app.namespace, app.name, app.project, app.cluster, app.repoURL ?? '', app.path ?? ''].join('\n').toLowerCase();
    if (!hay.includes(search)) return false;
  }
  return true;
}

export function appKey(app: Pick<AppSummary, 'namespace' | 'name'>): string {
  return `${app.namespace}/${app.name}`;
}

/**
 * The list after one live change: a changed app is replaced in place (keeping the scroll
 * position steady), a new matching one is appended, and one that no longer matches goes.
 */
export function applyChange(list: readonly AppSummary[], c: AppChange, q: AppQuery): AppSummary[] {
  const key = appKey(c.app);
  const at = list.findIndex((a) => appKey(a) === key);
  const keep = c.type !== 'delete' && matches(c.app, q);
  if (at < 0) return keep ? [...list, c.app] : (list as AppSummary[]);
  const next = list.slice();
  if (keep) next[at] = c.app;
  else next.splice(at, 1);
  return next;
}
