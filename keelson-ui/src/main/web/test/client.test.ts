import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, CSRF_HEADER, memoryCsrfStore } from '../src/api/client';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function headers(c: Call): Record<string, string> {
  return c.init.headers as Record<string, string>;
}

describe('ApiClient', () => {
  it('sends the filters and paging as query parameters', async () => {
    const f = fakeFetch(() => json(200, { items: [], total: 0, counts: { sync: {}, health: {} } }));
    const api = new ApiClient({ fetch: f.fetch, csrf: memoryCsrfStore(), onUnauthorized: () => undefined });
    await api.listApplications({ search: ' web ', sync: 'OutOfSync', label: 'team=a' }, 500, 'tok-2');
    const url = new URL(f.calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v1/applications');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search: 'web',
      sync: 'OutOfSync',
      label: 'team=a',
      limit: '500',
      continue: 'tok-2',
    });
  });

  it('keeps the CSRF token of the login and sends it on unsafe requests only', async () => {
    const f = fakeFetch((c) =>
      c.url.endsWith('/session') ? json(200, { token: 't', csrfToken: 'csrf-1' }) : new Response(null, { status: 204 }),
    );
    const csrf = memoryCsrfStore();
    const api = new ApiClient({ fetch: f.fetch, csrf, onUnauthorized: () => undefined });
    await api.login('alice', 'pw');
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ username: 'alice', password: 'pw' });
    expect(csrf.get()).toBe('csrf-1');

    await api.sync('apps', 'web', { prune: true, dryRun: false, resources: ['apps:Deployment:web'] });
    const post = f.calls[1];
    expect(post.url).toBe('/api/v1/applications/apps/web/sync');
    expect(post.init.method).toBe('POST');
    expect(headers(post)[CSRF_HEADER]).toBe('csrf-1');
    expect(JSON.parse(String(post.init.body))).toEqual({ prune: true, dryRun: false, resources: ['apps:Deployment:web'] });

    await api.resourceTree('apps', 'web').catch(() => undefined);
    expect(headers(f.calls[2])[CSRF_HEADER]).toBeUndefined();
  });

  it('asks GET /session for the CSRF token of a session begun by single sign-on', async () => {
    const f = fakeFetch((c) =>
      c.url.endsWith('/session') ? json(200, { csrfToken: 'csrf-sso' }) : json(200, { action: 'refresh', namespace: 'apps', name: 'web' }),
    );
    const csrf = memoryCsrfStore();
    const api = new ApiClient({ fetch: f.fetch, csrf, onUnauthorized: () => undefined });
    await api.refresh('apps', 'web');
    expect(f.calls.map((c) => c.url)).toEqual(['/api/v1/session', '/api/v1/applications/apps/web/refresh']);
    expect(headers(f.calls[1])[CSRF_HEADER]).toBe('csrf-sso');
    await api.suspend('apps', 'web');
    expect(f.calls).toHaveLength(3);
  });

  it('sends the rollback target and the unpin as the server reads them', async () => {
    const f = fakeFetch(() => json(200, { action: 'rollback', namespace: 'apps', name: 'web' }));
    const csrf = memoryCsrfStore();
    csrf.set('c');
    const api = new ApiClient({ fetch: f.fetch, csrf, onUnauthorized: () => undefined });
    await api.rollback('apps', 'web', 4);
    await api.unpin('apps', 'web');
    await api.approve('apps', 'web', 'abc123');
    expect(f.calls.map((c) => JSON.parse(String(c.init.body)))).toEqual([{ historyId: 4 }, { clear: true }, { revision: 'abc123' }]);
  });

  it('asks GET /session before any page: no session is a 401 and the login page, no auth at all is null', async () => {
    let told = 0;
    const anonymous = fakeFetch(() => json(401, { code: 'unauthenticated', message: 'no session' }));
    const api = new ApiClient({ fetch: anonymous.fetch, csrf: memoryCsrfStore(), onUnauthorized: () => told++ });
    const err = await api.session().catch((e: unknown) => e);
    expect(anonymous.calls.map((c) => [c.url, c.init.method])).toEqual([['/api/v1/session', 'GET']]);
    expect((err as ApiError).status).toBe(401);
    expect(told).toBe(1);

    const csrf = memoryCsrfStore();
    const loggedIn = fakeFetch(() => json(200, { subject: 'admin', csrfToken: 'csrf-2' }));
    const session = await new ApiClient({ fetch: loggedIn.fetch, csrf, onUnauthorized: () => told++ }).session();
    expect(session?.subject).toBe('admin');
    expect(csrf.get()).toBe('csrf-2');

    const noAuth = fakeFetch(() => json(404, { code: 'not_found', message: 'no route' }));
    expect(await new ApiClient({ fetch: noAuth.fetch, csrf, onUnauthorized: () => told++ }).session()).toBeNull();
    expect(told).toBe(1);
  });

  it('turns a 401 into the unauthorized callback and forgets the CSRF token', async () => {
    const f = fakeFetch(() => json(401, { code: 'Unauthenticated', message: 'log in first' }));
    const csrf = memoryCsrfStore();
    csrf.set('old');
    let told = 0;
    const api = new ApiClient({ fetch: f.fetch, csrf, onUnauthorized: () => told++ });
    const err = await api.application('apps', 'web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).code).toBe('Unauthenticated');
    expect(told).toBe(1);
    expect(csrf.get()).toBeNull();
  });

  it('reads the {code, message} of an error, and copes with a body that is not JSON', async () => {
    let body: Response = json(409, { code: 'Conflict', message: 'an operation is running' });
    const f = fakeFetch(() => body);
    const api = new ApiClient({ fetch: f.fetch, csrf: memoryCsrfStore(), onUnauthorized: () => undefined });
    await expect(api.approve('apps', 'web', 'abc')).rejects.toMatchObject({ status: 409, code: 'Conflict', message: 'an operation is running' });
    body = new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    await expect(api.refresh('apps', 'web')).rejects.toMatchObject({ status: 502, message: 'Bad Gateway' });
  });

  it('escapes names in paths and names the object of an events request', async () => {
    const f = fakeFetch(() => json(200, { live: 'a: 1' }));
    const api = new ApiClient({ fetch: f.fetch, csrf: memoryCsrfStore(), onUnauthorized: () => undefined });
    await api.manifests('team a', 'web/x');
    expect(f.calls[0].url).toBe('/api/v1/applications/team%20a/web%2Fx/manifests');
    await api.events('apps', 'web', { group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' });
    const url = new URL(f.calls[1].url, 'http://x');
    expect(url.pathname).toBe('/api/v1/applications/apps/web/events');
    expect(Object.fromEntries(url.searchParams)).toEqual({ group: 'apps', kind: 'Deployment', name: 'web', namespace: 'prod' });
  });

  it('hands each chunk of a streamed log to the caller as it arrives', async () => {
    const enc = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('line 1\n'));
        c.enqueue(enc.encode('line 2\n'));
        c.close();
      },
    });
    const f = fakeFetch(() => new Response(stream, { status: 200 }));
    const api = new ApiClient({ fetch: f.fetch, csrf: memoryCsrfStore(), onUnauthorized: () => undefined });
    const chunks: string[] = [];
    await api.logs('apps', 'web', { namespace: 'prod', name: 'web-1' }, (t) => chunks.push(t), new AbortController().signal);
    expect(chunks.join('')).toBe('line 1\nline 2\n');
    expect(f.calls[0].url).toBe('/api/v1/applications/apps/web/logs?pod=web-1&podNamespace=prod&follow=true');
  });
});
