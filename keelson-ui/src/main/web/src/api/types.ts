// The JSON shapes served under /api/v1 (see docs/ui.md for the contract with keelson-server).

export type SyncState = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthState = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

export const SYNC_STATES: readonly SyncState[] = ['Synced', 'OutOfSync', 'Unknown'];
export const HEALTH_STATES: readonly HealthState[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

/** Why an app is not syncing now although it would; derived from status by state/waiting.ts. */
export interface Waiting {
  reason: 'SyncWindow' | 'Dependency' | 'Approval' | 'Retry' | 'Suspended';
  message: string;
  /** When the wait is expected to end (the next retry), if known. */
  until?: string;
}

/** keelson-server's ApplicationSummary. */
export interface AppSummary {
  namespace: string;
  name: string;
  project: string;
  /** The destination as the spec names it: server URL, cluster name, or in-cluster. */
  cluster: string;
  destinationNamespace?: string | null;
  repoURL?: string | null;
  path?: string | null;
  targetRevision?: string | null;
  sync: SyncState;
  /** The commit last rendered. */
  revision?: string | null;
  health: HealthState;
  healthMessage?: string | null;
  /** Running, Succeeded, Failed or Terminated; absent when no operation ran. */
  operationPhase?: string | null;
  suspended: boolean;
  lastSyncedAt?: string | null;
  labels: Record<string, string>;
}

/** Facets: sync counts obey every filter but sync, health counts every filter but health. */
export interface Counts {
  sync: Partial<Record<SyncState, number>>;
  health: Partial<Record<HealthState, number>>;
}

export interface AppPage {
  items: AppSummary[];
  /** Opaque token for the next page; null on the last page. */
  continue?: string | null;
  /** Apps matching every filter, over all pages. */
  total: number;
  counts: Counts;
}

export interface ResourceRef {
  group: string;
  version?: string;
  kind: string;
  namespace?: string | null;
  name: string;
}

/** keelson-server's ResourceNode: a managed object, or one a managed object owns. */
export interface ResourceNode extends ResourceRef {
  /** Whether Keelson applies it (false: created by another controller, a Pod of a Deployment). */
  managed: boolean;
  /** Synced or OutOfSync for managed objects; null for owned ones. */
  sync?: SyncState | null;
  health?: { status: HealthState; message?: string | null } | null;
  message?: string | null;
  children: ResourceNode[];
}

export interface ResourceTree {
  nodes: ResourceNode[];
}

export interface HistoryEntry {
  id: number;
  revision?: string;
  deployedAt?: string;
  result?: string;
  message?: string;
  initiatedBy?: string;
  /** Sync, Rollback, Approve, Suspend, Resume, Unpin or Terminate; absent for syncs. */
  action?: string;
}

export interface ResourceResult extends ResourceRef {
  /** Phase of a hook (Running, Succeeded, Failed); absent for ordinary objects. */
  hookPhase?: string;
  wave?: number;
  status?: string;
  message?: string;
  at?: string;
  /** PreSync, Sync, PostSync or SyncFail, where the server says. */
  syncPhase?: string;
}

export interface OperationState {
  id?: string;
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Terminated';
  syncPhase?: string;
  wave?: number;
  stepApplied?: boolean;
  message?: string;
  revision?: string;
  initiatedBy?: string;
  trigger?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: string[];
  startedAt?: string;
  finishedAt?: string;
  failure?: string;
  retryCount?: number;
  nextRetryAt?: string;
  results?: ResourceResult[];
}

export interface PendingApproval {
  revision: string;
  digest?: string;
  since?: string;
  /** One line per object: "Create|Configure|Skipped|Prune KIND/NS/NAME". */
  changes?: string[];
}

export interface Pin {
  historyId: number;
  revision: string;
  by?: string;
  at?: string;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The parts of the Application's status the UI reads. */
export interface AppStatus {
  conditions?: Condition[];
  operationState?: OperationState;
  pendingApproval?: PendingApproval;
  pinned?: Pin;
  suspended?: boolean;
  history?: HistoryEntry[];
}

/** keelson-server's ApplicationDetail. */
export interface AppDetail {
  summary: AppSummary;
  annotations: Record<string, string>;
  resourceVersion?: string;
  spec: Record<string, unknown>;
  status?: AppStatus | null;
}

/** GET .../operation. */
export interface OperationView {
  operation?: OperationState | null;
  pendingApproval?: PendingApproval | null;
  pinned?: Pin | null;
}

export type KubeObject = Record<string, unknown>;

export interface ObjectManifests extends ResourceRef {
  desired?: KubeObject | null;
  /** Null when the object does not exist in the cluster. */
  live?: KubeObject | null;
}

export interface ManifestsView {
  revision?: string;
  objects: ObjectManifests[];
}

export interface ObjectDiff extends ResourceRef {
  diff: string;
}

export interface DiffView {
  revision?: string;
  different: boolean;
  objects: ObjectDiff[];
}

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  count?: number | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  source?: string | null;
}

export interface EventList {
  items: KubeEvent[];
}

export interface HistoryList {
  entries: HistoryEntry[];
}

export interface SyncRequest {
  prune: boolean;
  dryRun: boolean;
  /** GROUP:KIND:NAME of the only objects to sync; empty means all. */
  resources: string[];
}

/** What an accepted action answers. */
export interface ActionResult {
  action: string;
  namespace: string;
  name: string;
  token?: string;
  message?: string;
}

export interface SessionResponse {
  token?: string;
  csrfToken: string;
  username?: string;
}

/** GET /api/v1/session: who the session belongs to and its CSRF token. */
export interface SessionInfo {
  subject?: string | null;
  csrfToken?: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
}

/** One event of /api/v1/stream: `upsert` with the app's new summary, `delete` with its last. */
export interface AppChange {
  type: 'upsert' | 'delete';
  app: AppSummary;
}
