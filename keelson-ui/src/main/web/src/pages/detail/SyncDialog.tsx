// Sync with prune, dry run and a choice of objects.
import { useState } from 'preact/hooks';
import type { ResourceNode } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useShell } from '../../context';
import { resourceId, syncRequest } from '../../state/syncRequest';

export function SyncDialog(props: { namespace: string; name: string; managed: ResourceNode[]; onClose: () => void; onDone: () => void }) {
  const { api } = useShell();
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(props.managed.map(resourceId)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.sync(props.namespace, props.name, syncRequest(prune, dryRun, props.managed, chosen));
      props.onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Sync ${props.name}`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" class="primary" onClick={submit} disabled={busy || chosen.size === 0} data-testid="sync-submit">
            {dryRun ? 'Dry run' : 'Synchronize'}
          </button>
        </>
      }
    >
      <label>
        <input type="checkbox" name="prune" checked={prune} onChange={(e) => setPrune(e.currentTarget.checked)} /> Prune objects no longer in Git
      </label>
      <label>
        <input type="checkbox" name="dryRun" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} /> Dry run (the API server checks, nothing changes)
      </label>
      <fieldset>
        <legend>Objects ({chosen.size} of {props.managed.length})</legend>
        <div class="actions">
          <button type="button" onClick={() => setChosen(new Set(props.managed.map(resourceId)))}>
            All
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            None
          </button>
        </div>
        <div class="checklist">
          {props.managed.map((r) => {
            const id = resourceId(r);
            return (
              <label key={id}>
                <input type="checkbox" checked={chosen.has(id)} onChange={(e) => toggle(id, e.currentTarget.checked)} data-resource={id} />
                {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                {r.name}
                {r.sync === 'OutOfSync' && <span class="badge warn">OutOfSync</span>}
              </label>
            );
          })}
        </div>
      </fieldset>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
