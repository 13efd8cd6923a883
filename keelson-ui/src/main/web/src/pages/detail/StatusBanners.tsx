// Why the app waits, the approval it waits for, and the pin of a rollback.
import type { PendingApproval, Pin, Waiting } from '../../api/types';

const WAIT_TITLES: Record<Waiting['reason'], string> = {
  SyncWindow: 'Waiting for a sync window',
  Dependency: 'Waiting for a dependency',
  Approval: 'Waiting for approval',
  Retry: 'Waiting to retry',
  Suspended: 'Suspended',
};

export function WaitingBanner({ waiting }: { waiting?: Waiting }) {
  if (!waiting) return null;
  return (
    <section class="banner warn" role="status" data-testid="waiting">
      <h2>{WAIT_TITLES[waiting.reason]}</h2>
      {waiting.message}
      {waiting.until && ` (next attempt at ${waiting.until})`}
    </section>
  );
}

export function ApprovalPanel({ pending, onApprove }: { pending?: PendingApproval | null; onApprove: (revision: string) => void }) {
  if (!pending) return null;
  return (
    <section class="banner info" aria-labelledby="approval-title" data-testid="approval">
      <h2 id="approval-title">
        Revision <code>{pending.revision.slice(0, 10)}</code> awaits approval{pending.since ? ` since ${pending.since}` : ''}
      </h2>
      <p>Applying it would:</p>
      <ul>
        {(pending.changes ?? []).map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <button type="button" class="primary" onClick={() => onApprove(pending.revision)}>
        Approve
      </button>
    </section>
  );
}

export function PinBanner({ pin, onUnpin }: { pin?: Pin | null; onUnpin: () => void }) {
  if (!pin) return null;
  return (
    <section class="banner info" role="status">
      Pinned to history entry {pin.historyId} (<code>{pin.revision.slice(0, 10)}</code>){pin.by ? ` by ${pin.by}` : ''}: new commits
      are not deployed until the pin is cleared.{' '}
      <button type="button" onClick={onUnpin}>
        Clear pin
      </button>
    </section>
  );
}
