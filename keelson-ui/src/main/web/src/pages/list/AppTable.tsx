// The list as a table of which only the rows in view exist in the DOM.
import { useEffect, useRef } from 'preact/hooks';
import type { AppSummary } from '../../api/types';
import { HealthBadge, SyncBadge } from '../../components/Badges';
import { useViewport } from '../../components/useViewport';
import { useShell } from '../../context';
import { appKey } from '../../state/filters';
import { detailPath } from '../../state/router';
import { moveFocus, rowWindow } from '../../state/virtual';
import { WaitingNote } from './WaitingNote';

export const ROW_HEIGHT = 36;
const HEAD_HEIGHT = 32;

export function AppTable({ items }: { items: AppSummary[] }) {
  const { navigate } = useShell();
  const scroller = useRef<HTMLDivElement>(null);
  /** A row that keyboard navigation moved to, focused once it is rendered. */
  const pendingFocus = useRef<number | null>(null);
  const vp = useViewport(scroller);
  const w = rowWindow({
    scrollTop: Math.max(0, vp.scrollTop),
    viewportHeight: vp.height - HEAD_HEIGHT,
    rowHeight: ROW_HEIGHT,
    count: items.length,
    overscan: 8,
  });

  // Arrow keys, Page keys, Home and End move between rows; the target row is scrolled into
  // view first, since it may not be in the DOM yet.
  const onKeyDown = (e: KeyboardEvent) => {
    const el = scroller.current;
    const at = (document.activeElement as HTMLElement | null)?.dataset.index;
    if (!el || at === undefined) return;
    const next = moveFocus(Number(at), e.key, items.length, Math.floor((vp.height - HEAD_HEIGHT) / ROW_HEIGHT));
    if (next === Number(at)) return;
    e.preventDefault();
    const top = next * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - HEAD_HEIGHT) el.scrollTop = top + ROW_HEIGHT - el.clientHeight + HEAD_HEIGHT;
    pendingFocus.current = next;
    focusPending();
  };

  const focusPending = () => {
    const target = pendingFocus.current;
    const row = target === null ? null : scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
    if (!row) return;
    row.focus();
    pendingFocus.current = null;
  };
  // The row scrolled to appears in a later render, once the scroll position has been read.
  useEffect(focusPending);

  return (
    <div class="viewport" ref={scroller} onKeyDown={onKeyDown} data-testid="app-table">
      <div role="table" aria-label="Applications" aria-rowcount={items.length + 1}>
        <div class="table-head" role="row" aria-rowindex={1}>
          <span role="columnheader">Application</span>
          <span role="columnheader">Sync</span>
          <span role="columnheader">Health</span>
          <span role="columnheader">Project</span>
          <span role="columnheader">Repository</span>
          <span role="columnheader">Cluster</span>
        </div>
        <div style={{ height: `${w.totalHeight}px`, position: 'relative' }} role="rowgroup">
          <div style={{ transform: `translateY(${w.offset}px)` }}>
            {items.slice(w.start, w.end).map((a, i) => {
              const index = w.start + i;
              const href = detailPath(a.namespace, a.name);
              return (
                <div class="table-row" role="row" aria-rowindex={index + 2} key={appKey(a)} data-testid="app-row">
                  <span role="cell" class="cell">
                    <a
                      href={href}
                      data-index={index}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(href);
                      }}
                    >
                      {a.name}
                    </a>{' '}
                    <span class="muted">{a.namespace}</span>
                  </span>
                  <span role="cell">
                    <SyncBadge sync={a.sync} />
                  </span>
                  <span role="cell">
                    <HealthBadge health={a.health} />
                  </span>
                  <span role="cell" class="cell">
                    {a.project}
                  </span>
                  <span role="cell" class="cell muted" title={a.repoURL ?? undefined}>
                    {a.repoURL}
                    {a.path ? ` · ${a.path}` : ''}
                    <WaitingNote app={a} />
                  </span>
                  <span role="cell" class="cell">
                    {a.cluster}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
