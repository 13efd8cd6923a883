// Windowing for long lists: only the rows in view (plus a margin) are put in the DOM.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap. */
  overscan: number;
}

export interface RowWindow {
  /** First row index rendered (inclusive). */
  start: number;
  /** Row index after the last rendered (exclusive). */
  end: number;
  /** Pixel offset of the first rendered row. */
  offset: number;
  /** Height of all rows, so the scroll bar is that of the whole list. */
  totalHeight: number;
}

export function rowWindow(w: WindowInput): RowWindow {
  const totalHeight = w.count * w.rowHeight;
  if (w.count === 0 || w.rowHeight <= 0) return { start: 0, end: 0, offset: 0, totalHeight: 0 };
  const maxTop = Math.max(0, totalHeight - w.viewportHeight);
  const top = Math.min(Math.max(0, w.scrollTop), maxTop);
  const first = Math.floor(top / w.rowHeight);
  const visible = Math.ceil(w.viewportHeight / w.rowHeight) + 1;
  const start = Math.max(0, first - w.overscan);
  const end = Math.min(w.count, first + visible + w.overscan);
  return { start, end, offset: start * w.rowHeight, totalHeight };
}

export interface GridInput {
  scrollTop: number;
  viewportHeight: number;
  width: number;
  tileWidth: number;
  tileHeight: number;
  count: number;
  overscan: number;
}

export interface GridWindow extends RowWindow {
  columns: number;
}

/** Tiles laid out in rows of as many columns as fit; windowed by rows like a list. */
export function gridWindow(g: GridInput): GridWindow {
  const columns = Math.max(1, Math.floor(g.width / g.tileWidth));
  const rows = Math.ceil(g.count / columns);
  const w = rowWindow({
    scrollTop: g.scrollTop,
    viewportHeight: g.viewportHeight,
    rowHeight: g.tileHeight,
    count: rows,
    overscan: g.overscan,
  });
  return {
    columns,
    start: w.start * columns,
    end: Math.min(g.count, w.end * columns),
    offset: w.offset,
    totalHeight: w.totalHeight,
  };
}

/** The row index that keyboard navigation moves to, kept inside the list. */
export function moveFocus(current: number, key: string, count: number, pageRows: number): number {
  if (count === 0) return -1;
  const steps: Record<string, number> = {
    ArrowDown: 1,
    ArrowUp: -1,
    PageDown: pageRows,
    PageUp: -pageRows,
  };
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  const step = steps[key];
  if (step === undefined) return current;
  return Math.min(count - 1, Math.max(0, current + step));
}
