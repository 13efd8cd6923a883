// Loads every app the query matches, page by page, and keeps the list current from the stream.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client';
import { subscribeApps } from '../../api/stream';
import type { AppSummary, Counts } from '../../api/types';
import { type AppQuery, applyChange, streamParams } from '../../state/filters';

/** The server's largest page: 10,000 apps arrive in ten requests, the first shown at once. */
export const PAGE_SIZE = 1000;
/** Counts are facets over apps this page may not hold, so after changes they are asked again, at most this often. */
export const COUNTS_REFRESH_MS = 2000;

export interface AppListState {
  items: AppSummary[];
  total: number;
  counts: Counts;
  complete: boolean;
  error?: Error;
  live: boolean;
}

export function useAppList(api: ApiClient, query: AppQuery): AppListState {
  const [state, setState] = useState<AppListState>({ items: [], total: 0, counts: { sync: {}, health: {} }, complete: false, live: false });

  useEffect(() => {
    let current = true;
    let generation = 0;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;

    const load = async () => {
      const mine = ++generation;
      setState((s) => ({ ...s, items: [], complete: false, error: undefined }));
      try {
        let cont: string | undefined;
        do {
          const page = await api.listApplications(query, PAGE_SIZE, cont);
          if (!current || mine !== generation) return;
          setState((s) => ({
            ...s,
            items: cont ? [...s.items, ...page.items] : page.items,
            total: page.total,
            counts: page.counts,
            complete: !page.continue,
          }));
          cont = page.continue ?? undefined;
        } while (cont);
      } catch (error) {
        if (current) setState((s) => ({ ...s, error: error as Error }));
      }
    };

    const refreshCounts = () => {
      if (countsTimer) return;
      countsTimer = setTimeout(async () => {
        countsTimer = undefined;
        try {
          const page = await api.listApplications(query, 1);
          if (current) setState((s) => ({ ...s, total: page.total, counts: page.counts }));
        } catch {
          // The next change tries again; the list itself is already current.
        }
      }, COUNTS_REFRESH_MS);
    };

    let stale = false;
    void load();
    const stop = subscribeApps(
      {
        onChange: (c) => {
          setState((s) => ({ ...s, items: applyChange(s.items, c, query) }));
          refreshCounts();
        },
        // After a lost connection or an overflow the list may have missed changes: reload it
        // once the new subscription is in place.
        onReady: () => {
          setState((s) => ({ ...s, live: true }));
          if (stale) void load();
          stale = false;
        },
        onStale: () => {
          stale = true;
          setState((s) => ({ ...s, live: false }));
        },
      },
      streamParams(query),
    );
    return () => {
      current = false;
      if (countsTimer) clearTimeout(countsTimer);
      stop();
    };
  }, [api, JSON.stringify(query)]);

  return state;
}
