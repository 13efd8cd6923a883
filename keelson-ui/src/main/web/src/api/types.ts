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

/** Why an app is not syncing now although it would. */
export interface Waiting {
  reason: 'SyncWindow' | 'Dependency' | 'Approval' | 'Retry' | 'Suspended';
  message: string;
  /** When the wait is expected to end (a window opening, the next retry), if known. */
  until?: string;
}

export interface AppSummary {
  namespace: string;
  name: string;
  project: string;
  cluster: string;
  repoURL: string;
  path?: string;
  targetRevision?: string;
  revision?: string;
  sync: SyncState;
  health: HealthState;
  healthMessage?: string;
  operationPhase?: string;
  suspended: boolean;
  waiting?: Waiting;
  labels: Record<string, string>;
  lastSyncedAt?: string;
}

export interface Counts {
  total: number;
  sync: Partial<Record<SyncState, number>>;
  health: Partial<Record<HealthState, number>>;
}

export interface AppPage {
  items: AppSummary[];
  /** Opaque token for the next page; absent on the last page. */
  continue?: string;
  /** Counts over every app the query matches, not only this page. */
  counts: Counts;
}

export interface ResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface ResourceNode extends ResourceRef {
  /** Synced or OutOfSync; absent for objects Keelson does not manage (Pods of a Deployment). */
  status?: SyncState;
  health?: { status: HealthState; message?: string };
  requiresPruning?: boolean;
  /** Owner references that place the node in the tree (a ReplicaSet under its Deployment). */
  parents: ResourceRef[];
  /** A hook rather than an ordinary object. */
  hook?: boolean;
}

export interface ResourceTree {
  nodes: ResourceNode[];
}

export interface HistoryEntry {
  id: number;
  revision: string;
  deployedAt: string;
  result?: string;
  message?: string;
  initiatedBy?: string;
  action?: string;
}

export interface ResourceResult extends ResourceRef {
  hookPhase?: string;
  wave?: number;
  status?: string;
  message?: string;
  at?: string;
  /** PreSync, Sync, PostSync or SyncFail. */
  syncPhase?: string;
}

export interface OperationState {
  id: string;
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Terminated';
  syncPhase?: string;
  wave?: number;
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
  results: ResourceResult[];
}

export interface PendingApproval {
  revision: string;
  digest?: string;
  since?: string;
  /** One line per object: "Create|Configure|Skipped|Prune KIND/NS/NAME". */
  changes: string[];
}

export interface AppDetail extends AppSummary {
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  operation?: OperationState;
  pendingApproval?: PendingApproval;
  pinned?: { historyId: number; revision: string; by?: string; at?: string };
}

export interface ManifestPair {
  /** The object as it is in the cluster, YAML; absent when it does not exist yet. */
  live?: string;
  /** The object as rendered from Git, YAML; absent when it is to be pruned. */
  desired?: string;
}

export interface ResourceDiff extends ResourceRef {
  /** Unified diff of desired against live, normalised as the comparison sees it. */
  diff: string;
}

export interface DiffResult {
  items: ResourceDiff[];
}

export interface KubeEvent {
  type: string;
  reason: string;
  message: string;
  count?: number;
  lastTimestamp?: string;
  involvedObject?: ResourceRef;
}

export interface EventList {
  items: KubeEvent[];
}

export interface SyncRequest {
  prune: boolean;
  dryRun: boolean;
  /** GROUP:KIND:NAME of the only objects to sync; empty means all. */
  resources: string[];
}

export interface SessionResponse {
  token: string;
  csrfToken: string;
  username?: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
}

/** One Server-Sent Event of /api/v1/stream. */
export interface AppEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  application: AppSummary;
}
