// The theme follows prefers-color-scheme until the user picks one; the pick is remembered.

export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'keelson.theme';

export function loadTheme(storage: Storage): ThemeChoice {
  const v = storage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function saveTheme(storage: Storage, choice: ThemeChoice): void {
  if (choice === 'system') storage.removeItem(KEY);
  else storage.setItem(KEY, choice);
}

export function effectiveTheme(choice: ThemeChoice, prefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return prefersDark ? 'dark' : 'light';
  return choice;
}

/** The toggle flips what is shown now, whatever the system says. */
export function toggled(choice: ThemeChoice, prefersDark: boolean): ThemeChoice {
  return effectiveTheme(choice, prefersDark) === 'dark' ? 'light' : 'dark';
}
