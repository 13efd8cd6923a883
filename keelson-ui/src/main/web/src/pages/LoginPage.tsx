// Local accounts by username and password; single sign-on starts at /auth/login.
import { useState } from 'preact/hooks';
import { useShell } from '../context';
import { safeNext } from '../state/router';

export function LoginPage({ next }: { next: string }) {
  const { api, navigate } = useShell();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(username, password);
      navigate(safeNext(next), true);
    } catch (err) {
      setError((err as Error).message || 'Login failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="login" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Log in to Keelson</h1>
      <label>
        Username
        <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
      <a href={`/auth/login?next=${encodeURIComponent(safeNext(next))}`}>Log in with single sign-on</a>
    </form>
  );
}
