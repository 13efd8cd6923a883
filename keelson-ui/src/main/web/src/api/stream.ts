// Live updates: /api/v1/stream sends one Server-Sent Event per application change.
import type { AppEvent } from './types';
import { API_BASE } from './client';

export type Unsubscribe = () => void;

/** EventSource reconnects by itself; a parse failure of one event drops only that event. */
export function subscribeApps(onEvent: (e: AppEvent) => void, onState?: (live: boolean) => void): Unsubscribe {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(`${API_BASE}/stream`, { withCredentials: true });
  const handle = (msg: MessageEvent<string>) => {
    try {
      onEvent(JSON.parse(msg.data) as AppEvent);
    } catch {
      // A malformed event carries nothing usable; the next full list load corrects the view.
    }
  };
  source.addEventListener('message', handle);
  source.addEventListener('application', handle as EventListener);
  source.onopen = () => onState?.(true);
  source.onerror = () => onState?.(false);
  return () => source.close();
}
