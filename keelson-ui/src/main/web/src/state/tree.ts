// Lays the resource tree out as a left-to-right graph: the app, then each object by its depth
// below it (the server nests owned objects as children), siblings of one kind optionally folded.
import type { HealthState, ResourceNode, ResourceRef } from '../api/types';


export function refKey(r: ResourceRef): string {
  return `${r.group}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

export interface GraphNode {
  id: string;
  /** The object, or for a group the first of its members. */
  node: ResourceNode;
  /** Members of a folded group; one element for a plain node. */
  members: ResourceNode[];
  depth: number;
  row: number;
  health?: HealthState;
}

export interface GraphEdge {
  from: string;
  to: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  columns: number;
  rows: number;
}

/** The worst health of a group decides its colour: one Degraded Pod shows. */
const HEALTH_RANK: Record<HealthState, number> = {
  Degraded: 0,
  Missing: 1,
  Progressing: 2,
  Suspended: 3,
  Unknown: 4,
  Healthy: 5,
};

export function worstHealth(nodes: readonly ResourceNode[]): HealthState | undefined {
  let worst: HealthState | undefined;
  for (const n of nodes) {
    const h = n.health?.status;
    if (h && (worst === undefined || HEALTH_RANK[h] < HEALTH_RANK[worst])) worst = h;
  }
  return worst;
}

export const ROOT_ID = 'app';

/** Nodes whose owners are all outside the tree hang off the app itself, at depth 1. */
export function layoutTree(nodes: readonly ResourceNode[], groupThreshold: number): Graph {
  const out: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  let nextRow = 0;
  let columns = 1;

  // A tidy tree: each leaf takes a row of its own, a parent the row of its first child.
  const place = (parentId: string, kids: readonly ResourceNode[], depth: number) => {
    for (const group of groupByKind(kids.slice().sort(compareNodes), groupThreshold)) {
      const first = group[0];
      const key = refKey(first);
      if (seen.has(key)) continue;
      group.forEach((g) => seen.add(refKey(g)));
      const id = group.length > 1 ? `group:${parentId}:${first.kind}` : key;
      columns = Math.max(columns, depth + 1);
      out.push({ id, node: first, members: group, depth, row: nextRow, health: worstHealth(group) });
      edges.push({ from: parentId, to: id });
      const before = nextRow;
      if (group.length === 1) place(key, first.children ?? [], depth + 1);
      if (nextRow === before) nextRow++;
    }
  };
  place(ROOT_ID, nodes, 1);
  return { nodes: out, edges, columns, rows: Math.max(nextRow, 1) };
}

/** Every node of a nested tree, depth first. */
export function flatten(nodes: readonly ResourceNode[]): ResourceNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

function compareNodes(a: ResourceNode, b: ResourceNode): number {
  return a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
}

/** Runs of one kind longer than the threshold become one group; shorter runs stay apart. */
export function groupByKind(sorted: readonly ResourceNode[], threshold: number): ResourceNode[][] {
  const runs: ResourceNode[][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0].kind === n.kind) last.push(n);
    else runs.push([n]);
  }
  if (threshold <= 0) return runs.flatMap((r) => r.map((n) => [n]));
  return runs.flatMap((r) => (r.length > threshold ? [r] : r.map((n) => [n])));
}
