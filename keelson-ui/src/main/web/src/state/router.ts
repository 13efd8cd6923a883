// Paths of the single-page app; the server answers every unknown path with index.html.

export type Route =
  | { page: 'login'; next: string }
  | { page: 'list'; search: URLSearchParams }
  | { page: 'detail'; namespace: string; name: string; tab: string };

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/login') return { page: 'login', next: params.get('next') ?? '/' };
  const m = /^\/applications\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (m) {
    return {
      page: 'detail',
      namespace: decodeURIComponent(m[1]),
      name: decodeURIComponent(m[2]),
      tab: params.get('tab') ?? 'tree',
    };
  }
  return { page: 'list', search: params };
}

export function detailPath(namespace: string, name: string, tab?: string): string {
  const base = `/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  return tab && tab !== 'tree' ? `${base}?tab=${encodeURIComponent(tab)}` : base;
}

export function loginPath(next: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** Only paths of this app may follow a login, so a crafted link cannot send a user elsewhere. */
export function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
