// An operation's per-object results ordered as it runs them: phase, then wave.
import type { ResourceResult } from '../api/types';

export const PHASE_ORDER = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;

export interface WaveGroup {
  wave: number;
  results: ResourceResult[];
}

export interface PhaseGroup {
  phase: string;
  waves: WaveGroup[];
}

/** Results without a phase belong to Sync, without a wave to wave 0, as the engine plans them. */
export function groupResults(results: readonly ResourceResult[]): PhaseGroup[] {
  const phases = new Map<string, Map<number, ResourceResult[]>>();
  for (const r of results) {
    const phase = r.syncPhase ?? 'Sync';
    const key = (PHASE_ORDER as readonly string[]).includes(phase) ? phase : 'Sync';
    const waves = phases.get(key) ?? new Map<number, ResourceResult[]>();
    const wave = r.wave ?? 0;
    waves.set(wave, [...(waves.get(wave) ?? []), r]);
    phases.set(key, waves);
  }
  return PHASE_ORDER.filter((p) => phases.has(p)).map((phase) => ({
    phase,
    waves: [...phases.get(phase)!.entries()].sort((a, b) => a[0] - b[0]).map(([wave, rs]) => ({ wave, results: rs })),
  }));
}
