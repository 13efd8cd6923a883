// The scroll position and size of a scrolling element, for windowed rendering.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Viewport {
  scrollTop: number;
  height: number;
  width: number;
}

export function useViewport(ref: RefObject<HTMLElement | null>): Viewport {
  const [vp, setVp] = useState<Viewport>({ scrollTop: 0, height: 600, width: 1000 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setVp({ scrollTop: el.scrollTop, height: el.clientHeight, width: el.clientWidth });
    };
    // One update per animation frame however many scroll events arrive.
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onScroll);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref]);
  return vp;
}
