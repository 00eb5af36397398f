import { useEffect, useState } from 'react';

export interface ContentRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where the picture actually is inside a <video> with `object-fit: contain`, in CSS pixels
 * relative to the element. Chromium reports videoWidth/videoHeight after applying the file's
 * rotation, so this is the displayed frame the plan's fractions refer to.
 */
export function useContentRect(ref: React.RefObject<HTMLVideoElement | null>, src: string | undefined): ContentRect | null {
  const [rect, setRect] = useState<ContentRect | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const vw = el.videoWidth;
      const vh = el.videoHeight;
      const cw = el.clientWidth;
      const ch = el.clientHeight;
      if (!vw || !vh || !cw || !ch) return setRect(null);
      const scale = Math.min(cw / vw, ch / vh);
      const width = vw * scale;
      const height = vh * scale;
      setRect({ left: (cw - width) / 2, top: (ch - height) / 2, width, height });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('loadedmetadata', measure);
    el.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      el.removeEventListener('loadedmetadata', measure);
      el.removeEventListener('resize', measure);
    };
  }, [ref, src]);
  return rect;
}
