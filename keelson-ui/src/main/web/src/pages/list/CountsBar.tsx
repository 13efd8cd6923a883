// Counts per state; each count is also a toggle for that filter.
import { HEALTH_STATES, SYNC_STATES, type Counts } from '../../api/types';
import type { AppQuery } from '../../state/filters';

const noun = (n: number) => (n === 1 ? 'application' : 'applications');

export function CountsBar(props: {
  counts: Counts;
  total: number;
  shown: number;
  query: AppQuery;
  onChange: (q: AppQuery) => void;
  live: boolean;
}) {
  const { counts, query } = props;
  return (
    <div class="counts" aria-label="Application counts">
      <strong data-testid="total" aria-live="polite">
        {props.shown === props.total ? `${props.total} ${noun(props.total)}` : `${props.shown} of ${props.total} ${noun(props.total)}`}
      </strong>
      {SYNC_STATES.filter((s) => counts.sync[s]).map((s) => (
        <button
          key={s}
          type="button"
          aria-pressed={query.sync === s}
          onClick={() => props.onChange({ ...query, sync: query.sync === s ? undefined : s })}
        >
          {s} {counts.sync[s]}
        </button>
      ))}
      {HEALTH_STATES.filter((h) => counts.health[h]).map((h) => (
        <button
          key={h}
          type="button"
          aria-pressed={query.health === h}
          onClick={() => props.onChange({ ...query, health: query.health === h ? undefined : h })}
        >
          {h} {counts.health[h]}
        </button>
      ))}
      <span class="muted">{props.live ? '● live' : '○ not live'}</span>
    </div>
  );
}
