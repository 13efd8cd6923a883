// Why the app waits, the approval it waits for, and whether it is suspended or pinned.
import type { AppDetail } from '../../api/types';

const WAIT_TITLES: Record<string, string> = {
  SyncWindow: 'Waiting for a sync window',
  Dependency: 'Waiting for a dependency',
  Approval: 'Waiting for approval',
  Retry: 'Waiting to retry',
  Suspended: 'Suspended',
};

export function WaitingBanner({ app }: { app: AppDetail }) {
  if (!app.waiting) return null;
  return (
    <section class="banner warn" role="status" data-testid="waiting">
      <h2>{WAIT_TITLES[app.waiting.reason] ?? `Waiting: ${app.waiting.reason}`}</h2>
      {app.waiting.message}
      {app.waiting.until && ` (until ${app.waiting.until})`}
    </section>
  );
}

export function ApprovalPanel({ app, onApprove }: { app: AppDetail; onApprove: (revision: string) => void }) {
  const p = app.pendingApproval;
  if (!p) return null;
  return (
    <section class="banner info" aria-labelledby="approval-title" data-testid="approval">
      <h2 id="approval-title">
        Revision <code>{p.revision.slice(0, 10)}</code> awaits approval{p.since ? ` since ${p.since}` : ''}
      </h2>
      <p>Applying it would:</p>
      <ul>
        {p.changes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" class="primary" onClick={() => onApprove(p.revision)}>
        Approve
      </button>
    </section>
  );
}

export function PinBanner({ app }: { app: AppDetail }) {
  if (!app.pinned) return null;
  return (
    <section class="banner info" role="status">
      Pinned to history entry {app.pinned.historyId} (<code>{app.pinned.revision.slice(0, 10)}</code>)
      {app.pinned.by ? ` by ${app.pinned.by}` : ''}: new commits are not deployed until the pin is cleared.
    </section>
  );
}
