import { describe, expect, it } from 'vitest';
import type { ResourceNode } from '../src/api/types';
import { flatten, groupByKind, layoutTree, ROOT_ID, worstHealth } from '../src/state/tree';

function node(kind: string, name: string, patch: Partial<ResourceNode> = {}): ResourceNode {
  const group = kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps' : '';
  return { group, version: 'v1', kind, namespace: 'prod', name, managed: true, children: [], ...patch };
}

describe('layoutTree', () => {
  const pods = ['a', 'b', 'c', 'd'].map((s) => node('Pod', `web-1-${s}`, { managed: false, health: { status: s === 'c' ? 'Degraded' : 'Healthy' } }));
  const rs = node('ReplicaSet', 'web-1', { managed: false, children: pods });
  const deploy = node('Deployment', 'web', { health: { status: 'Healthy' }, children: [rs] });
  const svc = node('Service', 'web');

  it('places objects by their depth below the app, following the nesting', () => {
    const g = layoutTree([deploy, svc], 0);
    const depth = Object.fromEntries(g.nodes.map((n) => [n.node.name, n.depth]));
    expect(depth).toMatchObject({ web: 1, 'web-1': 2, 'web-1-a': 3, 'web-1-d': 3 });
    expect(g.edges).toContainEqual({ from: ROOT_ID, to: 'apps/Deployment/prod/web' });
    expect(g.edges).toContainEqual({ from: 'apps/ReplicaSet/prod/web-1', to: '/Pod/prod/web-1-b' });
    expect(g.columns).toBe(4);
  });

  it('gives every leaf its own row, so no two nodes overlap', () => {
    const g = layoutTree([deploy, svc], 0);
    const cells = g.nodes.map((n) => `${n.depth}:${n.row}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(g.rows).toBe(5);
  });

  it('folds more siblings of one kind than the threshold into a group with the worst health', () => {
    const g = layoutTree([deploy, svc], 3);
    const group = g.nodes.find((n) => n.members.length > 1)!;
    expect(group.members.map((m) => m.name)).toEqual(['web-1-a', 'web-1-b', 'web-1-c', 'web-1-d']);
    expect(group.health).toBe('Degraded');
    expect(g.nodes).toHaveLength(4);
  });

  it('flattens the nesting depth first', () => {
    expect(flatten([deploy, svc]).map((n) => n.name)).toEqual(['web', 'web-1', 'web-1-a', 'web-1-b', 'web-1-c', 'web-1-d', 'web']);
  });
});

describe('groupByKind', () => {
  it('keeps short runs apart', () => {
    const runs = groupByKind([node('Pod', 'a'), node('Pod', 'b'), node('Service', 's')], 3);
    expect(runs.map((r) => r.length)).toEqual([1, 1, 1]);
  });
});

describe('worstHealth', () => {
  it('ranks Degraded worst and ignores nodes without health', () => {
    expect(worstHealth([node('Pod', 'a', { health: { status: 'Progressing' } }), node('Pod', 'b'), node('Pod', 'c', { health: { status: 'Degraded' } })])).toBe('Degraded');
    expect(worstHealth([node('Pod', 'b')])).toBeUndefined();
  });
});
