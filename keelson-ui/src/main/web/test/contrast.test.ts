import { describe, expect, it } from 'vitest';
import css from '../src/styles.css?raw';
import { contrast, themeColours } from '../src/state/contrast';

const light = themeColours(css, ':root {');
const dark = themeColours(css, ":root[data-theme='dark']");
const darkBySystem = themeColours(css, ":root:not([data-theme='light'])");

/** Text on the backgrounds it is drawn on. */
const TEXT_PAIRS: [string, string][] = [
  ['fg', 'bg'],
  ['fg', 'bg-alt'],
  ['fg', 'panel'],
  ['fg-muted', 'bg'],
  ['fg-muted', 'bg-alt'],
  ['fg-muted', 'panel'],
  ['accent', 'bg'],
  ['accent', 'panel'],
  ['accent-fg', 'accent'],
  ['ok', 'ok-bg'],
  ['warn', 'warn-bg'],
  ['bad', 'bad-bg'],
  ['info', 'info-bg'],
  ['neutral', 'neutral-bg'],
  ['bad', 'bg'],
  ['fg', 'add'],
  ['fg', 'del'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, colours) => {
  it.each(TEXT_PAIRS)('%s on %s has at least 4.5:1 contrast', (fg, bg) => {
    expect(contrast(colours[fg], colours[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the focus ring and borders of state at 3:1 against the page', () => {
    expect(contrast(colours.focus, colours.bg)).toBeGreaterThanOrEqual(3);
    for (const edge of ['ok', 'info', 'bad', 'neutral']) expect(contrast(colours[edge], colours.bg)).toBeGreaterThanOrEqual(3);
  });
});

describe('the dark theme', () => {
  it('is the same whether the system asks for it or the toggle does', () => {
    expect(Object.keys(dark).length).toBeGreaterThan(15);
    expect(darkBySystem).toEqual(dark);
  });
});

describe('contrast', () => {
  it('is 21:1 for black on white and 1:1 for a colour on itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#0b5cad', '#0b5cad')).toBe(1);
  });
});
