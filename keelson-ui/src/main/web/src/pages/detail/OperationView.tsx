// The running (or last) operation: where it is, and each object and hook by phase and wave.
import type { OperationState } from '../../api/types';
import { PhaseBadge } from '../../components/Badges';
import { groupResults } from '../../state/operation';

export function OperationView({ op, onTerminate }: { op?: OperationState | null; onTerminate: () => void }) {
  if (!op) return <p class="muted">No operation has run yet.</p>;
  return (
    <div data-testid="operation">
      <p>
        <PhaseBadge phase={op.phase} /> {op.phase === 'Running' && op.syncPhase && `${op.syncPhase}, wave ${op.wave ?? 0}. `}
        {op.message} <span class="muted">
          Revision {op.revision?.slice(0, 8)} · by {op.initiatedBy ?? 'automated'} ({op.trigger ?? 'manual'})
          {op.dryRun ? ' · dry run' : ''}
          {op.prune ? ' · prune' : ''}
          {op.retryCount ? ` · retry ${op.retryCount}` : ''}
        </span>
        {op.phase === 'Running' && (
          <button type="button" class="danger" onClick={onTerminate}>
            Terminate
          </button>
        )}
      </p>
      {op.failure && <p class="error">Failure: {op.failure}</p>}
      {groupResults(op.results ?? []).map((p) => (
        <section class="phase" key={p.phase} aria-label={`Phase ${p.phase}`}>
          <h3>
            {p.phase}
            {op.phase === 'Running' && op.syncPhase === p.phase && <span class="badge info">current</span>}
          </h3>
          <table class="plain">
            <thead>
              <tr>
                <th scope="col">Wave</th>
                <th scope="col">Object</th>
                <th scope="col">Hook</th>
                <th scope="col">Result</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {p.waves.flatMap((w) =>
                w.results.map((r) => (
                  <tr key={`${w.wave}/${r.kind}/${r.name}`}>
                    <td>{w.wave}</td>
                    <td>
                      {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                      {r.name}
                    </td>
                    <td>{r.hookPhase ? <PhaseBadge phase={r.hookPhase} /> : ''}</td>
                    <td>{r.status ?? ''}</td>
                    <td>{r.message ?? ''}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
