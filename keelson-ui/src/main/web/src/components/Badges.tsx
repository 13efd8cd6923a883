// State badges carry a glyph and a word besides their colour, so colour is never the only cue.
import type { HealthState, SyncState } from '../api/types';

const HEALTH: Record<HealthState, { tone: string; glyph: string }> = {
  Healthy: { tone: 'ok', glyph: '♥' },
  Progressing: { tone: 'info', glyph: '◌' },
  Degraded: { tone: 'bad', glyph: '✕' },
  Suspended: { tone: 'neutral', glyph: '⏸' },
  Missing: { tone: 'warn', glyph: '?' },
  Unknown: { tone: 'neutral', glyph: '?' },
};

const SYNC: Record<SyncState, { tone: string; glyph: string }> = {
  Synced: { tone: 'ok', glyph: '✓' },
  OutOfSync: { tone: 'warn', glyph: '↻' },
  Unknown: { tone: 'neutral', glyph: '?' },
};

export function HealthBadge({ health }: { health: HealthState }) {
  const h = HEALTH[health] ?? HEALTH.Unknown;
  return (
    <span class={`badge ${h.tone}`} title={`Health: ${health}`}>
      <span aria-hidden="true">{h.glyph}</span>
      <span class="sr-only">Health </span>
      {health}
    </span>
  );
}

export function SyncBadge({ sync }: { sync: SyncState }) {
  const s = SYNC[sync] ?? SYNC.Unknown;
  return (
    <span class={`badge ${s.tone}`} title={`Sync: ${sync}`}>
      <span aria-hidden="true">{s.glyph}</span>
      <span class="sr-only">Sync </span>
      {sync}
    </span>
  );
}

export function PhaseBadge({ phase }: { phase: string }) {
  const tone = phase === 'Succeeded' ? 'ok' : phase === 'Running' ? 'info' : phase === 'Failed' ? 'bad' : 'neutral';
  return <span class={`badge ${tone}`}>{phase}</span>;
}
