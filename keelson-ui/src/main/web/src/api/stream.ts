// Live updates: /api/v1/stream sends `upsert` and `delete` events with an app's summary.
import type { AppChange, AppSummary } from './types';
import { API_BASE } from './client';

export type Unsubscribe = () => void;

export interface StreamHandlers {
  onChange: (c: AppChange) => void;
  /** `ready`: the subscription is in place, so a list loaded now misses nothing. */
  onReady?: () => void;
  /** `overflow`, or the connection lost: what was shown may have missed changes. */
  onStale?: () => void;
}

/** EventSource reconnects by itself; a malformed event is dropped, the next reload corrects it. */
export function subscribeApps(h: StreamHandlers, params?: URLSearchParams): Unsubscribe {
  if (typeof EventSource === 'undefined') return () => undefined;
  const qs = params && params.toString() ? `?${params}` : '';
  const source = new EventSource(`${API_BASE}/stream${qs}`, { withCredentials: true });
  const handler = (type: AppChange['type']) => (msg: MessageEvent<string>) => {
    try {
      h.onChange({ type, app: JSON.parse(msg.data) as AppSummary });
    } catch {
      // Nothing usable in it.
    }
  };
  source.addEventListener('upsert', handler('upsert') as EventListener);
  source.addEventListener('delete', handler('delete') as EventListener);
  source.addEventListener('ready', () => h.onReady?.());
  source.addEventListener('overflow', () => h.onStale?.());
  source.onerror = () => h.onStale?.();
  return () => source.close();
}
