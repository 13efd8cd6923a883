// Search and filters of the list; every control has a visible label.
import { HEALTH_STATES, SYNC_STATES, type HealthState, type SyncState } from '../../api/types';
import type { AppQuery } from '../../state/filters';

export function FilterBar(props: {
  query: AppQuery;
  onChange: (q: AppQuery) => void;
  view: 'table' | 'tiles';
  onView: (v: 'table' | 'tiles') => void;
}) {
  const q = props.query;
  const set = (patch: Partial<AppQuery>) => props.onChange({ ...q, ...patch });
  const text = (key: 'project' | 'cluster' | 'namespace' | 'label', label: string, placeholder: string) => (
    <label>
      {label}
      <input
        name={key}
        value={q[key] ?? ''}
        placeholder={placeholder}
        onInput={(e) => set({ [key]: e.currentTarget.value || undefined })}
        size={12}
      />
    </label>
  );
  return (
    <form class="filters" role="search" aria-label="Filter applications" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search
        <input
          type="search"
          name="search"
          value={q.search}
          placeholder="name, namespace or repository"
          onInput={(e) => set({ search: e.currentTarget.value })}
        />
      </label>
      <label>
        Sync
        <select name="sync" value={q.sync ?? ''} onChange={(e) => set({ sync: (e.currentTarget.value || undefined) as SyncState | undefined })}>
          <option value="">Any</option>
          {SYNC_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Health
        <select
          name="health"
          value={q.health ?? ''}
          onChange={(e) => set({ health: (e.currentTarget.value || undefined) as HealthState | undefined })}
        >
          <option value="">Any</option>
          {HEALTH_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {text('project', 'Project', 'any')}
      {text('cluster', 'Cluster', 'any')}
      {text('namespace', 'Namespace', 'any')}
      {text('label', 'Label', 'key=value')}
      <fieldset class="filters" style="border:none;padding:0;margin:0">
        <legend class="sr-only">View</legend>
        <button type="button" aria-pressed={props.view === 'table'} onClick={() => props.onView('table')}>
          Table
        </button>
        <button type="button" aria-pressed={props.view === 'tiles'} onClick={() => props.onView('tiles')}>
          Tiles
        </button>
      </fieldset>
    </form>
  );
}
