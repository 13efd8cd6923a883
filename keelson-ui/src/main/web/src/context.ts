// What every page needs from the shell: the API client and a way to move to another path.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from './api/client';

export interface Shell {
  api: ApiClient;
  navigate: (path: string, replace?: boolean) => void;
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const shell = useContext(ShellContext);
  if (!shell) throw new Error('useShell outside ShellContext');
  return shell;
}
