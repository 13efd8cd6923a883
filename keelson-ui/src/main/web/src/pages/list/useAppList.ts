// Loads every app the query matches, page by page, and keeps the list current from the stream.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { subscribeApps } from '../../api/stream';
import type { AppSummary, Counts } from '../../api/types';
import { type AppQuery, applyEvent, countStates } from '../../state/filters';

/** Large pages: 10,000 apps arrive in ten requests, the first shown as soon as it lands. */
export const PAGE_SIZE = 1000;

export interface AppListState {
  items: AppSummary[];
  counts: Counts;
  complete: boolean;
  error?: Error;
  live: boolean;
}

export function useAppList(api: ApiClient, query: AppQuery): AppListState {
  const [state, setState] = useState<AppListState>({
    items: [],
    counts: { total: 0, sync: {}, health: {} },
    complete: false,
    live: false,
  });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, items: [], complete: false, error: undefined }));
    const loadFrom = async (cont?: string) => {
      try {
        const page = await api.listApplications(query, PAGE_SIZE, cont);
        if (!current) return;
        setState((s) => ({
          ...s,
          items: cont ? [...s.items, ...page.items] : page.items,
          counts: page.counts,
          complete: !page.continue,
        }));
        if (page.continue) await loadFrom(page.continue);
      } catch (error) {
        if (current) setState((s) => ({ ...s, error: error as Error }));
      }
    };
    void loadFrom();
    const stop = subscribeApps(
      (e) =>
        setState((s) => {
          const items = applyEvent(s.items, e, query);
          // Once the whole list is in hand its own counts are the truth; before, the server's.
          return { ...s, items, counts: s.complete ? countStates(items) : s.counts };
        }),
      (live) => setState((s) => ({ ...s, live })),
    );
    return () => {
      current = false;
      stop();
    };
  }, [api, JSON.stringify(query)]);

  return state;
}
