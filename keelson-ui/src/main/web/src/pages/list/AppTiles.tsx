// The list as tiles in rows; as with the table only the rows of tiles in view are rendered.
import { useRef } from 'preact/hooks';
import type { AppSummary } from '../../api/types';
import { HealthBadge, SyncBadge } from '../../components/Badges';
import { useViewport } from '../../components/useViewport';
import { useShell } from '../../context';
import { appKey } from '../../state/filters';
import { detailPath } from '../../state/router';
import { gridWindow } from '../../state/virtual';
import { WaitingNote } from './WaitingNote';

const TILE_W = 260;
const TILE_H = 112;
const GAP = 8;

export function AppTiles({ items }: { items: AppSummary[] }) {
  const { navigate } = useShell();
  const scroller = useRef<HTMLDivElement>(null);
  const vp = useViewport(scroller);
  const g = gridWindow({
    scrollTop: vp.scrollTop,
    viewportHeight: vp.height,
    width: vp.width - GAP,
    tileWidth: TILE_W + GAP,
    tileHeight: TILE_H + GAP,
    count: items.length,
    overscan: 2,
  });
  return (
    <div class="viewport" ref={scroller} data-testid="app-tiles">
      <ul aria-label="Applications" style={{ height: `${g.totalHeight}px`, position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}>
        {items.slice(g.start, g.end).map((a, i) => {
          const index = g.start + i;
          const row = Math.floor(index / g.columns);
          const col = index % g.columns;
          const href = detailPath(a.namespace, a.name);
          return (
            <li
              class="tile"
              key={appKey(a)}
              data-testid="app-tile"
              aria-setsize={items.length}
              aria-posinset={index + 1}
              style={{ top: `${row * (TILE_H + GAP) + GAP}px`, left: `${col * (TILE_W + GAP) + GAP}px`, width: `${TILE_W}px`, height: `${TILE_H}px` }}
            >
              <a
                href={href}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(href);
                }}
              >
                {a.name}
              </a>
              <span class="muted cell">
                {a.namespace} · {a.project} · {a.cluster}
              </span>
              <span class="badges">
                <SyncBadge sync={a.sync} />
                <HealthBadge health={a.health} />
                <WaitingNote app={a} />
              </span>
              <span class="muted cell">{a.repoURL}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
