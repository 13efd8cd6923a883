// The application list: filters kept in the URL, counts, and the table or the tiles.
import { useEffect, useState } from 'preact/hooks';
import { useShell } from '../../context';
import { fromSearchParams, toSearchParams, type AppQuery } from '../../state/filters';
import { AppTable } from './AppTable';
import { AppTiles } from './AppTiles';
import { CountsBar } from './CountsBar';
import { FilterBar } from './FilterBar';
import { useAppList } from './useAppList';

/** Typing is sent to the server once it pauses, not on every key. */
const SEARCH_DELAY_MS = 250;

export const FIRST_RENDER_MARK = 'keelson:list-rendered';

export function ListPage({ params }: { params: URLSearchParams }) {
  const { api, navigate } = useShell();
  const [query, setQuery] = useState<AppQuery>(() => fromSearchParams(params));
  const [sent, setSent] = useState<AppQuery>(query);
  const [view, setView] = useState<'table' | 'tiles'>(params.get('view') === 'tiles' ? 'tiles' : 'table');

  useEffect(() => {
    const t = setTimeout(() => setSent(query), query.search === sent.search ? 0 : SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [JSON.stringify(query)]);

  useEffect(() => {
    const p = toSearchParams(sent);
    if (view === 'tiles') p.set('view', 'tiles');
    const qs = p.toString();
    navigate(qs ? `/?${qs}` : '/', true);
  }, [JSON.stringify(sent), view]);

  const list = useAppList(api, sent);
  // When the first rows have been painted, a mark in the page's performance timeline: what
  // `keelson bench ui` reads as the time to first render (and what a browser's profiler shows).
  useEffect(() => {
    if (list.items.length === 0 && !list.complete) return;
    if (performance.getEntriesByName(FIRST_RENDER_MARK).length === 0) performance.mark(FIRST_RENDER_MARK);
  }, [list.items.length > 0 || list.complete]);

  return (
    <>
      <h1 class="sr-only">Applications</h1>
      <FilterBar query={query} onChange={setQuery} view={view} onView={setView} />
      <CountsBar counts={list.counts} total={list.total} shown={list.items.length} query={query} onChange={setQuery} live={list.live} />
      {list.error && (
        <p class="error" role="alert">
          {list.error.message}
        </p>
      )}
      {list.items.length === 0 && list.complete && !list.error && <p>No application matches.</p>}
      {view === 'table' ? <AppTable items={list.items} /> : <AppTiles items={list.items} />}
    </>
  );
}
