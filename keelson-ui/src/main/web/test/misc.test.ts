import { describe, expect, it } from 'vitest';
import { groupResults } from '../src/state/operation';
import { detailPath, loginPath, parseRoute, safeNext } from '../src/state/router';
import { resourceId, syncRequest } from '../src/state/syncRequest';
import { effectiveTheme, toggled } from '../src/state/theme';

const deploy = { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
const svc = { group: '', version: 'v1', kind: 'Service', namespace: 'prod', name: 'web' };

describe('syncRequest', () => {
  it('sends no resource list when every object is chosen, and the chosen ones otherwise', () => {
    const all = new Set([resourceId(deploy), resourceId(svc)]);
    expect(syncRequest(true, false, [deploy, svc], all)).toEqual({ prune: true, dryRun: false, resources: [] });
    expect(syncRequest(false, true, [deploy, svc], new Set(['apps:Deployment:web']))).toEqual({
      prune: false,
      dryRun: true,
      resources: ['apps:Deployment:web'],
    });
    expect(resourceId(svc)).toBe(':Service:web');
  });
});

describe('groupResults', () => {
  it('orders results by phase, then wave, with unphased results in Sync wave 0', () => {
    const g = groupResults([
      { ...svc, wave: 1, status: 'Synced', syncPhase: 'Sync' },
      { ...deploy, status: 'Synced' },
      { ...svc, name: 'smoke', kind: 'Job', hookPhase: 'Running', syncPhase: 'PostSync' },
      { ...svc, name: 'migrate', kind: 'Job', hookPhase: 'Succeeded', syncPhase: 'PreSync', wave: -1 },
    ]);
    expect(g.map((p) => p.phase)).toEqual(['PreSync', 'Sync', 'PostSync']);
    expect(g[1].waves.map((w) => w.wave)).toEqual([0, 1]);
    expect(g[0].waves[0]).toMatchObject({ wave: -1 });
  });
});

describe('router', () => {
  it('parses the pages of the app', () => {
    expect(parseRoute('/login', '?next=%2Fapplications%2Fa%2Fb')).toEqual({ page: 'login', next: '/applications/a/b' });
    expect(parseRoute('/applications/team%20a/web', '?tab=history')).toEqual({ page: 'detail', namespace: 'team a', name: 'web', tab: 'history' });
    expect(parseRoute('/', '?sync=Synced').page).toBe('list');
    expect(detailPath('team a', 'web', 'diff')).toBe('/applications/team%20a/web?tab=diff');
    expect(loginPath('/applications/a/b')).toBe('/login?next=%2Fapplications%2Fa%2Fb');
  });

  it('follows a login only to a path of this app', () => {
    expect(safeNext('/applications/a/b')).toBe('/applications/a/b');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
  });
});

describe('theme', () => {
  it('follows the system until chosen, and the toggle flips what is shown', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(toggled('system', true)).toBe('light');
    expect(toggled('system', false)).toBe('dark');
    expect(toggled('dark', false)).toBe('light');
  });
});
