// A short word in the list for an app that does not sync on its own now.
import type { AppSummary } from '../../api/types';

export function WaitingNote({ app }: { app: AppSummary }) {
  if (app.suspended) return <span class="badge neutral">suspended</span>;
  if (app.operationPhase === 'Running') return <span class="badge info">syncing</span>;
  return null;
}
