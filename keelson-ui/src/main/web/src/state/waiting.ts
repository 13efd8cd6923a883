// Why an app waits instead of syncing, read from its status: the Ready condition names the gate
// the controller met (a window, a dependency, an approval, suspension), the operation a retry.
import type { AppDetail, Waiting } from '../api/types';

const GATES: Record<string, Waiting['reason']> = {
  SyncWindowBlocked: 'SyncWindow',
  DependencyNotReady: 'Dependency',
  DependencyCycle: 'Dependency',
  AwaitingApproval: 'Approval',
  Suspended: 'Suspended',
};

export function waitingOf(app: AppDetail): Waiting | undefined {
  const status = app.status ?? undefined;
  const ready = status?.conditions?.find((c) => c.type === 'Ready');
  const gate = ready && ready.status !== 'True' && ready.reason ? GATES[ready.reason] : undefined;
  if (gate) return { reason: gate, message: ready?.message ?? '' };
  if (app.summary.suspended) return { reason: 'Suspended', message: 'syncing is suspended (spec.suspend)' };
  if (status?.pendingApproval) {
    return { reason: 'Approval', message: `revision ${status.pendingApproval.revision.slice(0, 10)} awaits approval` };
  }
  const op = status?.operationState;
  if (op?.nextRetryAt && op.phase !== 'Succeeded') {
    const attempt = (op.retryCount ?? 0) + 1;
    return { reason: 'Retry', message: `attempt ${attempt} failed: ${op.failure ?? op.message ?? ''}`.trim(), until: op.nextRetryAt };
  }
  return undefined;
}
