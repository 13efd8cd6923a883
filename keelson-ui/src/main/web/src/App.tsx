// The shell: routing by path, the top bar with the theme toggle, and the 401 → login rule.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient, sessionCsrfStore } from './api/client';
import { ShellContext, type Shell } from './context';
import { loginPath, parseRoute, type Route } from './state/router';
import { effectiveTheme, loadTheme, saveTheme, toggled, type ThemeChoice } from './state/theme';
import { LoginPage } from './pages/LoginPage';
import { ListPage } from './pages/list/ListPage';
import { DetailPage } from './pages/detail/DetailPage';

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme(localStorage));
  const [prefersDark, setPrefersDark] = useState(darkQuery.matches);
  // No page but the login shows before GET /session has answered (see ApiClient.session).
  const [sessionChecked, setSessionChecked] = useState(false);

  const shell = useMemo<Shell>(() => {
    const navigate = (path: string, replace = false) => {
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
      setRoute(currentRoute());
    };
    const api = new ApiClient({
      fetch: (input, init) => window.fetch(input, init),
      csrf: sessionCsrfStore(sessionStorage),
      onUnauthorized: () => {
        if (window.location.pathname === '/login') return;
        navigate(loginPath(window.location.pathname + window.location.search), true);
      },
    });
    return { api, navigate };
  }, []);

  useEffect(() => {
    if (route.page === 'login') {
      setSessionChecked(true);
      return;
    }
    // A 401 has moved to the login page before the promise settles; any other failure lets the
    // page ask for itself and show its own error.
    shell.api
      .session()
      .catch(() => undefined)
      .finally(() => setSessionChecked(true));
  }, []);

  useEffect(() => {
    const onPop = () => setRoute(currentRoute());
    const onScheme = (e: MediaQueryListEvent) => setPrefersDark(e.matches);
    window.addEventListener('popstate', onPop);
    darkQuery.addEventListener('change', onScheme);
    return () => {
      window.removeEventListener('popstate', onPop);
      darkQuery.removeEventListener('change', onScheme);
    };
  }, []);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    saveTheme(localStorage, theme);
  }, [theme]);

  const shown = effectiveTheme(theme, prefersDark);
  const logout = () => shell.api.logout().finally(() => shell.navigate('/login'));

  return (
    <ShellContext.Provider value={shell}>
      <div class="shell">
        <a class="skip-link" href="#content">
          Skip to content
        </a>
        <header class="topbar">
          <a
            class="brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              shell.navigate('/');
            }}
          >
            Keelson
          </a>
          <span class="spacer" />
          <button
            type="button"
            aria-label={`Switch to ${shown === 'dark' ? 'light' : 'dark'} theme`}
            onClick={() => setTheme(toggled(theme, prefersDark))}
          >
            {shown === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
          {route.page !== 'login' && (
            <button type="button" onClick={logout}>
              Log out
            </button>
          )}
        </header>
        <main id="content" tabIndex={-1}>
          {route.page === 'login' && <LoginPage next={route.next} />}
          {route.page !== 'login' && !sessionChecked && (
            <p class="loading" role="status">
              Loading…
            </p>
          )}
          {route.page === 'list' && sessionChecked && <ListPage params={route.search} />}
          {route.page === 'detail' && sessionChecked && (
            <DetailPage key={`${route.namespace}/${route.name}`} namespace={route.namespace} name={route.name} tab={route.tab} />
          )}
        </main>
      </div>
    </ShellContext.Provider>
  );
}
