import { describe, expect, it } from 'vitest';
import { applyEvent, countStates, fromSearchParams, matches, toSearchParams } from '../src/state/filters';
import { app } from './fixtures';

describe('filters', () => {
  it('match on every field the query sets, and search names, namespaces and repositories', () => {
    const a = app('web', { sync: 'OutOfSync', health: 'Degraded', labels: { team: 'pay', tier: 'front' } });
    expect(matches(a, { search: '' })).toBe(true);
    expect(matches(a, { search: 'WEB' })).toBe(true);
    expect(matches(a, { search: 'apps/we' })).toBe(true);
    expect(matches(a, { search: 'team/deploy' })).toBe(true);
    expect(matches(a, { search: 'api' })).toBe(false);
    expect(matches(a, { search: '', sync: 'OutOfSync', health: 'Degraded' })).toBe(true);
    expect(matches(a, { search: '', sync: 'Synced' })).toBe(false);
    expect(matches(a, { search: '', label: 'team=pay' })).toBe(true);
    expect(matches(a, { search: '', label: 'team=ops' })).toBe(false);
    expect(matches(a, { search: '', label: 'tier' })).toBe(true);
    expect(matches(a, { search: '', project: 'other' })).toBe(false);
  });

  it('round-trip through URL parameters', () => {
    const q = { search: 'web', sync: 'Synced' as const, cluster: 'east', label: 'a=b' };
    expect(fromSearchParams(toSearchParams(q))).toEqual(q);
    expect(toSearchParams({ search: '  ' }).toString()).toBe('');
  });

  it('apply live events: replace in place, append new matches, drop what no longer matches', () => {
    const list = [app('a'), app('b'), app('c')];
    const q = { search: '', health: 'Healthy' as const };
    const changed = applyEvent(list, { type: 'MODIFIED', application: app('b', { revision: 'r2' }) }, q);
    expect(changed.map((a) => a.name)).toEqual(['a', 'b', 'c']);
    expect(changed[1].revision).toBe('r2');
    const sick = applyEvent(list, { type: 'MODIFIED', application: app('b', { health: 'Degraded' }) }, q);
    expect(sick.map((a) => a.name)).toEqual(['a', 'c']);
    const added = applyEvent(list, { type: 'ADDED', application: app('d') }, q);
    expect(added.map((a) => a.name)).toEqual(['a', 'b', 'c', 'd']);
    const ignored = applyEvent(list, { type: 'ADDED', application: app('e', { health: 'Missing' }) }, q);
    expect(ignored).toBe(list);
    const deleted = applyEvent(list, { type: 'DELETED', application: app('a') }, q);
    expect(deleted.map((a) => a.name)).toEqual(['b', 'c']);
  });

  it('count the apps per state', () => {
    const c = countStates([app('a'), app('b', { sync: 'OutOfSync', health: 'Degraded' }), app('c', { sync: 'OutOfSync' })]);
    expect(c).toEqual({ total: 3, sync: { Synced: 1, OutOfSync: 2 }, health: { Healthy: 2, Degraded: 1 } });
  });
});
