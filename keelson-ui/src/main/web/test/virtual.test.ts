import { describe, expect, it } from 'vitest';
import { gridWindow, moveFocus, rowWindow } from '../src/state/virtual';

describe('rowWindow', () => {
  it('renders only the rows in view plus the overscan, for 10,000 rows', () => {
    const w = rowWindow({ scrollTop: 36 * 5000, viewportHeight: 720, rowHeight: 36, count: 10_000, overscan: 8 });
    expect(w.start).toBe(4992);
    expect(w.end).toBe(5000 + 21 + 8);
    expect(w.end - w.start).toBeLessThan(40);
    expect(w.offset).toBe(4992 * 36);
    expect(w.totalHeight).toBe(360_000);
  });

  it('clamps at both ends', () => {
    const top = rowWindow({ scrollTop: -50, viewportHeight: 100, rowHeight: 10, count: 1000, overscan: 3 });
    expect(top.start).toBe(0);
    expect(top.end).toBe(14);
    const bottom = rowWindow({ scrollTop: 1e9, viewportHeight: 100, rowHeight: 10, count: 1000, overscan: 3 });
    expect(bottom.end).toBe(1000);
    expect(bottom.start).toBe(987);
  });

  it('is empty for an empty list and whole for a short one', () => {
    expect(rowWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 36, count: 0, overscan: 8 })).toEqual({ start: 0, end: 0, offset: 0, totalHeight: 0 });
    const short = rowWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 36, count: 5, overscan: 8 });
    expect([short.start, short.end]).toEqual([0, 5]);
  });
});

describe('gridWindow', () => {
  it('windows tiles by whole rows of as many columns as fit', () => {
    const g = gridWindow({ scrollTop: 120 * 100, viewportHeight: 600, width: 1080, tileWidth: 268, tileHeight: 120, count: 10_000, overscan: 2 });
    expect(g.columns).toBe(4);
    expect(g.start).toBe(98 * 4);
    expect(g.end).toBe((100 + 6 + 2) * 4);
    expect(g.totalHeight).toBe(2500 * 120);
  });

  it('keeps at least one column on a narrow screen', () => {
    expect(gridWindow({ scrollTop: 0, viewportHeight: 300, width: 100, tileWidth: 268, tileHeight: 120, count: 3, overscan: 1 }).columns).toBe(1);
  });
});

describe('moveFocus', () => {
  it('moves by rows and pages and stays inside the list', () => {
    expect(moveFocus(5, 'ArrowDown', 10, 4)).toBe(6);
    expect(moveFocus(0, 'ArrowUp', 10, 4)).toBe(0);
    expect(moveFocus(8, 'PageDown', 10, 4)).toBe(9);
    expect(moveFocus(3, 'Home', 10, 4)).toBe(0);
    expect(moveFocus(3, 'End', 10, 4)).toBe(9);
    expect(moveFocus(3, 'x', 10, 4)).toBe(3);
  });
});
