// The resource tree as a graph: columns by depth, a coloured edge per health, groups of one kind.
import { useState } from 'preact/hooks';
import type { ResourceNode } from '../../api/types';
import { layoutTree, ROOT_ID, refKey, type GraphNode } from '../../state/tree';

const COL_W = 240;
const ROW_H = 60;
const NODE_W = 200;
const NODE_H = 48;
const GROUP_THRESHOLD = 3;

export function ResourceTreeView(props: {
  appName: string;
  nodes: ResourceNode[];
  selected?: string;
  onSelect: (n: ResourceNode) => void;
}) {
  const [grouped, setGrouped] = useState(true);
  const [expanded, setExpanded] = useState<GraphNode | null>(null);
  const g = layoutTree(props.nodes, grouped ? GROUP_THRESHOLD : 0);
  const pos = new Map<string, { x: number; y: number }>([[ROOT_ID, { x: 0, y: 0 }]]);
  for (const n of g.nodes) pos.set(n.id, { x: n.depth * COL_W, y: n.row * ROW_H });
  const width = (g.columns + 1) * COL_W;
  const height = g.rows * ROW_H + 10;

  return (
    <div>
      <label>
        <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.currentTarget.checked)} /> Group objects of one kind
      </label>
      <div class="tree" style={{ width: `${width}px`, height: `${height}px`, marginTop: '8px' }} role="group" aria-label="Resource tree">
        <svg width={width} height={height} aria-hidden="true">
          {g.edges.map((e) => {
            const a = pos.get(e.from)!;
            const b = pos.get(e.to)!;
            const x1 = a.x + NODE_W;
            const y1 = a.y + NODE_H / 2;
            const x2 = b.x;
            const y2 = b.y + NODE_H / 2;
            const mid = (x1 + x2) / 2;
            return <path key={`${e.from}>${e.to}`} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} />;
          })}
        </svg>
        <div class="tree-node root" style={{ left: '0px', top: '0px' }} role="img" aria-label={`Application ${props.appName}`}>
          <span class="kind">Application</span>
          <span class="name">{props.appName}</span>
        </div>
        {g.nodes.map((n) => {
          const p = pos.get(n.id)!;
          const group = n.members.length > 1;
          const health = n.health ?? 'Unknown';
          const sync = n.node.sync;
          const label = group
            ? `${n.members.length} ${n.node.kind} objects, worst health ${health}`
            : `${n.node.kind} ${n.node.name}, health ${health}${sync ? `, ${sync}` : ''}${n.node.managed ? '' : ', owned'}`;
          return (
            <button
              type="button"
              key={n.id}
              class={`tree-node h-${health}${sync === 'OutOfSync' ? ' out-of-sync' : ''}`}
              style={{ left: `${p.x}px`, top: `${p.y}px` }}
              aria-label={label}
              aria-pressed={!group && props.selected === refKey(n.node)}
              data-testid="tree-node"
              data-kind={n.node.kind}
              onClick={() => (group ? setExpanded(n) : props.onSelect(n.node))}
            >
              <span class="kind">
                {n.node.kind}
                {sync === 'OutOfSync' ? ' · OutOfSync' : ''}
              </span>
              <span class="name">{group ? `${n.members.length} objects` : n.node.name}</span>
            </button>
          );
        })}
      </div>
      {expanded && (
        <div class="panel" aria-label={`${expanded.node.kind} objects`}>
          <h2>
            {expanded.members.length} {expanded.node.kind} objects
            <button type="button" onClick={() => setExpanded(null)} aria-label="Close group">
              ✕
            </button>
          </h2>
          <ul>
            {expanded.members.map((m) => (
              <li key={refKey(m)}>
                <button type="button" class="link" onClick={() => props.onSelect(m)}>
                  {m.name}
                </button>{' '}
                <span class="muted">{m.health?.status ?? 'Unknown'}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
