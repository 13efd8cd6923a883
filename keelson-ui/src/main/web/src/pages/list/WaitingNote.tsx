// A short word in the list for an app that waits (window, dependency, approval, retry).
import type { AppSummary } from '../../api/types';

export function WaitingNote({ app }: { app: AppSummary }) {
  if (app.suspended) return <span class="badge neutral"> suspended</span>;
  if (!app.waiting) return null;
  return (
    <span class="badge warn" title={app.waiting.message}>
      {' '}
      waiting: {app.waiting.reason}
    </span>
  );
}
