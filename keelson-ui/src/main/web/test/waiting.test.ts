import { describe, expect, it } from 'vitest';
import type { AppDetail, AppStatus } from '../src/api/types';
import { waitingOf } from '../src/state/waiting';
import { toYaml } from '../src/state/yaml';
import { app } from './fixtures';

function detail(status: AppStatus, suspended = false): AppDetail {
  return { summary: app('web', { suspended }), annotations: {}, spec: {}, status };
}
const ready = (reason: string, message: string) => ({ conditions: [{ type: 'Ready', status: 'False', reason, message }] });

describe('waitingOf', () => {
  it('names the gate of the Ready condition', () => {
    expect(waitingOf(detail(ready('SyncWindowBlocked', 'deny window 22:00-06:00')))).toEqual({ reason: 'SyncWindow', message: 'deny window 22:00-06:00' });
    expect(waitingOf(detail(ready('DependencyNotReady', 'apps/db is Progressing')))?.reason).toBe('Dependency');
    expect(waitingOf(detail(ready('AwaitingApproval', 'revision abc awaits approval')))?.reason).toBe('Approval');
  });

  it('says when a retry comes, and nothing for an app that is simply ready', () => {
    const retry = waitingOf(detail({ operationState: { phase: 'Failed', retryCount: 1, failure: 'Job failed', nextRetryAt: '2026-12-02T02:00:00Z' } }));
    expect(retry).toEqual({ reason: 'Retry', message: 'attempt 2 failed: Job failed', until: '2026-12-02T02:00:00Z' });
    expect(waitingOf(detail({ conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded' }] }))).toBeUndefined();
    expect(waitingOf(detail({}, true))?.reason).toBe('Suspended');
  });
});

describe('toYaml', () => {
  it('writes objects in block style and quotes strings YAML would misread', () => {
    const y = toYaml({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', labels: { on: 'true' } },
      data: { port: '8080', script: 'echo a\necho b\n', empty: '' },
      list: [{ name: 'a', value: 1 }, 'x', []],
    });
    expect(y).toBe(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: web',
        '  labels:',
        '    "on": "true"',
        'data:',
        '  port: "8080"',
        '  script: |',
        '    echo a',
        '    echo b',
        '  empty: ""',
        'list:',
        '- name: a',
        '  value: 1',
        '- x',
        '- []',
        '',
      ].join('\n'),
    );
  });
});
