import { describe, expect, it } from 'vitest';
import { applyChange, fromSearchParams, matches, streamParams, toSearchParams } from '../src/state/filters';
import { app } from './fixtures';

describe('filters', () => {
  it('match on every field the query sets, and search names, namespaces and repositories', () => {
    const a = app('web', { sync: 'OutOfSync', health: 'Degraded', labels: { team: 'pay', tier: 'front' } });
    expect(matches(a, { search: '' })).toBe(true);
    expect(matches(a, { search: 'WEB' })).toBe(true);
    expect(matches(a, { search: 'default' })).toBe(true);
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

  it('apply live changes: replace in place, append new matches, drop what no longer matches', () => {
    const list = [app('a'), app('b'), app('c')];
    const q = { search: '', health: 'Healthy' as const };
    const changed = applyChange(list, { type: 'upsert', app: app('b', { revision: 'r2' }) }, q);
    expect(changed.map((a) => a.name)).toEqual(['a', 'b', 'c']);
    expect(changed[1].revision).toBe('r2');
    const sick = applyChange(list, { type: 'upsert', app: app('b', { health: 'Degraded' }) }, q);
    expect(sick.map((a) => a.name)).toEqual(['a', 'c']);
    const added = applyChange(list, { type: 'upsert', app: app('d') }, q);
    expect(added.map((a) => a.name)).toEqual(['a', 'b', 'c', 'd']);
    const ignored = applyChange(list, { type: 'upsert', app: app('e', { health: 'Missing' }) }, q);
    expect(ignored).toBe(list);
    const deleted = applyChange(list, { type: 'delete', app: app('a') }, q);
    expect(deleted.map((a) => a.name)).toEqual(['b', 'c']);
  });

  it('subscribe the stream without the sync and health filters, since leaving a state is news', () => {
    expect(Object.fromEntries(streamParams({ search: 'web', sync: 'Synced', health: 'Healthy', project: 'p' }))).toEqual({ search: 'web', project: 'p' });
  });

  it('read label terms as the server does', () => {
    const a = app('web', { labels: { team: 'pay' } });
    expect(matches(a, { search: '', label: 'team!=ops' })).toBe(true);
    expect(matches(a, { search: '', label: 'team!=pay' })).toBe(false);
    expect(matches(a, { search: '', label: 'env!=prod' })).toBe(true);
  });
});
