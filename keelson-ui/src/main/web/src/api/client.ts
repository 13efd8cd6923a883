// The one module that talks to /api/v1: every request, header and error shape lives here.
import type {
  ActionResult,
  ApiErrorBody,
  AppDetail,
  AppPage,
  DiffView,
  EventList,
  HistoryList,
  ManifestsView,
  OperationView,
  ResourceRef,
  ResourceTree,
  SessionInfo,
  SessionResponse,
  SyncRequest,
} from './types';
import { type AppQuery, toSearchParams } from '../state/filters';

export const API_BASE = '/api/v1';
export const CSRF_HEADER = 'X-Keelson-CSRF';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the CSRF token of the session cookie is kept between page loads. */
export interface CsrfStore {
  get(): string | null;
  set(token: string | null): void;
}

export function memoryCsrfStore(): CsrfStore {
  let value: string | null = null;
  return { get: () => value, set: (t) => (value = t) };
}

/** sessionStorage, so a reload keeps the token the cookie needs, and a closed tab forgets it. */
export function sessionCsrfStore(storage: Storage): CsrfStore {
  const key = 'keelson.csrf';
  return {
    get: () => storage.getItem(key),
    set: (t) => (t === null ? storage.removeItem(key) : storage.setItem(key, t)),
  };
}

export interface ClientOptions {
  fetch: typeof fetch;
  csrf: CsrfStore;
  /** Called on every 401, before the request's promise rejects. */
  onUnauthorized: () => void;
}

type Method = 'GET' | 'POST' | 'DELETE';

function appPath(namespace: string, name: string): string {
  return `/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

function refParams(ref: ResourceRef): URLSearchParams {
  const p = new URLSearchParams({ group: ref.group, kind: ref.kind, name: ref.name });
  if (ref.namespace) p.set('namespace', ref.namespace);
  return p;
}

export class ApiClient {
  constructor(private readonly opts: ClientOptions) {}

  private async send(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && path !== '/session') {
      const csrf = this.opts.csrf.get() ?? (await this.sessionCsrf());
      if (csrf) headers[CSRF_HEADER] = csrf;
    }
    const res = await this.opts.fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.ok) return res;
    if (res.status === 401) {
      this.opts.csrf.set(null);
      this.opts.onUnauthorized();
    }
    throw await toError(res);
  }

  private async json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /**
   * A session begun elsewhere (single sign-on sets the cookie on its callback) has not handed
   * this page its CSRF token: GET /session tells it. A server without that route answers an
   * error, and the request goes without the header, to be refused as it would have been.
   */
  private async sessionCsrf(): Promise<string | null> {
    const res = await this.opts.fetch(`${API_BASE}/session`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return null;
    const session = (await res.json()) as Partial<SessionResponse>;
    if (!session.csrfToken) return null;
    this.opts.csrf.set(session.csrfToken);
    return session.csrfToken;
  }

  /**
   * The page's session, asked before any page shows: the list answers an anonymous caller with
   * the apps it may see (often none), so only this tells "not logged in" from "nothing to see".
   * A 401 goes to the login page as any other; null when the server has no sessions at all
   * (started with --disable-auth, it has no such route).
   */
  async session(): Promise<SessionInfo | null> {
    try {
      const s = await this.json<SessionInfo>('GET', '/session');
      if (s.csrfToken) this.opts.csrf.set(s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }

  async login(username: string, password: string): Promise<SessionResponse> {
    const session = await this.json<SessionResponse>('POST', '/session', { username, password });
    this.opts.csrf.set(session.csrfToken);
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.send('DELETE', '/session');
    } finally {
      this.opts.csrf.set(null);
    }
  }

  listApplications(query: AppQuery, limit: number, cont?: string): Promise<AppPage> {
    const p = toSearchParams(query);
    p.set('limit', String(limit));
    if (cont) p.set('continue', cont);
    return this.json('GET', `/applications?${p}`);
  }

  application(ns: string, name: string): Promise<AppDetail> {
    return this.json('GET', appPath(ns, name));
  }

  resourceTree(ns: string, name: string): Promise<ResourceTree> {
    return this.json('GET', `${appPath(ns, name)}/resource-tree`);
  }

  /** Every desired object of the app beside its live state. */
  manifests(ns: string, name: string): Promise<ManifestsView> {
    return this.json('GET', `${appPath(ns, name)}/manifests`);
  }

  /** One unified diff per object that differs. */
  diff(ns: string, name: string): Promise<DiffView> {
    return this.json('GET', `${appPath(ns, name)}/diff`);
  }

  history(ns: string, name: string): Promise<HistoryList> {
    return this.json('GET', `${appPath(ns, name)}/history`);
  }

  /** The app's Events; with an object, that object's (see docs/ui.md). */
  events(ns: string, name: string, ref?: ResourceRef): Promise<EventList> {
    const q = ref ? `?${refParams(ref)}` : '';
    return this.json('GET', `${appPath(ns, name)}/events${q}`);
  }

  operation(ns: string, name: string): Promise<OperationView> {
    return this.json('GET', `${appPath(ns, name)}/operation`);
  }

  /**
   * Streams a Pod's log: each chunk of text is handed to onText as it arrives, until the
   * server ends the stream or the signal aborts it.
   */
  async logs(
    ns: string,
    name: string,
    pod: { namespace: string; name: string; container?: string },
    onText: (text: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const p = new URLSearchParams({ pod: pod.name, podNamespace: pod.namespace, follow: 'true' });
    if (pod.container) p.set('container', pod.container);
    const res = await this.opts.fetch(`${API_BASE}${appPath(ns, name)}/logs?${p}`, {
      credentials: 'same-origin',
      signal,
    });
    if (!res.ok) {
      if (res.status === 401) this.opts.onUnauthorized();
      throw await toError(res);
    }
    if (!res.body) {
      onText(await res.text());
      return;
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onText(decoder.decode(value, { stream: true }));
    }
  }

  sync(ns: string, name: string, request: SyncRequest): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/sync`, request);
  }

  /** Approves the revision awaiting approval; naming it guards against approving a newer one. */
  approve(ns: string, name: string, revision: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/approve`, { revision });
  }

  rollback(ns: string, name: string, historyId: number): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/rollback`, { historyId });
  }

  /** Clears the pin a rollback set, so new commits deploy again. */
  unpin(ns: string, name: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/rollback`, { clear: true });
  }

  suspend(ns: string, name: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/suspend`, {});
  }

  resume(ns: string, name: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/resume`, {});
  }

  terminateOperation(ns: string, name: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/terminate-op`, {});
  }

  refresh(ns: string, name: string): Promise<ActionResult> {
    return this.json('POST', `${appPath(ns, name)}/refresh`, {});
  }
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    return new ApiError(res.status, body.code ?? String(res.status), body.message ?? res.statusText);
  } catch {
    return new ApiError(res.status, String(res.status), res.statusText || `HTTP ${res.status}`);
  }
}
