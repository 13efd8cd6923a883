// Deployments and operator actions, newest first, with a rollback to any deployed revision.
import { useState } from 'preact/hooks';
import type { HistoryEntry } from '../../api/types';
import { Dialog } from '../../components/Dialog';

function deployable(h: HistoryEntry): boolean {
  const op = !h.action || h.action === 'Sync' || h.action === 'Rollback';
  return op && h.result === 'Succeeded' && !!h.revision;
}

export function HistoryView(props: { items: HistoryEntry[]; onRollback: (id: number) => Promise<unknown> }) {
  const [confirm, setConfirm] = useState<HistoryEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = props.items.slice().sort((a, b) => b.id - a.id);
  if (rows.length === 0) return <p class="muted">No history yet.</p>;
  return (
    <>
      <table class="plain" data-testid="history">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Action</th>
            <th scope="col">Revision</th>
            <th scope="col">Result</th>
            <th scope="col">When</th>
            <th scope="col">By</th>
            <th scope="col">
              <span class="sr-only">Rollback</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <tr key={h.id}>
              <td>{h.id}</td>
              <td>{h.action ?? 'Sync'}</td>
              <td>
                <code>{h.revision?.slice(0, 10)}</code>
              </td>
              <td>{h.result ?? ''}</td>
              <td>{h.deployedAt}</td>
              <td>{h.initiatedBy ?? ''}</td>
              <td>
                {deployable(h) && (
                  <button type="button" onClick={() => setConfirm(h)} aria-label={`Roll back to history entry ${h.id}`}>
                    Roll back
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirm && (
        <Dialog
          title="Roll back"
          onClose={() => setConfirm(null)}
          footer={
            <>
              <button type="button" onClick={() => setConfirm(null)}>
                Cancel
              </button>
              <button
                type="button"
                class="primary"
                onClick={() =>
                  props.onRollback(confirm.id).then(
                    () => setConfirm(null),
                    (e: Error) => setError(e.message),
                  )
                }
              >
                Roll back
              </button>
            </>
          }
        >
          <p>
            Deploy revision <code>{confirm.revision}</code> again (history entry {confirm.id}) and pin the app to it until the pin is cleared.
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </Dialog>
      )}
    </>
  );
}
