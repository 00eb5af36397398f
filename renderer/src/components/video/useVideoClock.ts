import { useEffect, useMemo, useRef, useState } from 'react';
import { frameAt, frameMiddle } from './timecode';
import type { PlayerKeyActions } from './usePlayerKeys';

const MAX_RATE = 4;

export interface VideoClockState {
  playing: boolean;
  /** Seconds; follows playback every animation frame so overlays move with the picture. */
  time: number;
  duration: number;
  rate: number;
}

export interface VideoClock extends VideoClockState {
  ref: React.RefObject<HTMLVideoElement | null>;
  fps: number;
  actions: PlayerKeyActions & { seek: (t: number) => void; play: (rate?: number) => void; pause: () => void };
  /** Event props for the <video> element (VideoSurface spreads them). */
  events: Pick<React.VideoHTMLAttributes<HTMLVideoElement>, 'onPlay' | 'onPause' | 'onTimeUpdate' | 'onSeeked' | 'onLoadedMetadata'>;
}

/** The state and transport of one <video>: play, pause, frame step, J/K/L, seek. */
export function useVideoClock(fps: number, durationHint = 0): VideoClock {
  const ref = useRef<HTMLVideoElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(durationHint);
  const [rate, setRate] = useState(1);
  const rateRef = useRef(rate);
  rateRef.current = rate;

  // While playing, read the clock every animation frame (timeupdate fires only ~4 times a second).
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = () => {
      const el = ref.current;
      if (el) setTime(el.currentTime);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);

  const actions = useMemo(() => {
    const el = () => ref.current;
    const play = (r = 1) => {
      const v = el();
      if (!v) return;
      v.playbackRate = r;
      setRate(r);
      void v.play().catch(() => undefined);
    };
    const pause = () => el()?.pause();
    const seek = (t: number) => {
      const v = el();
      if (!v) return;
      v.currentTime = Math.max(0, Math.min(Number.isFinite(v.duration) ? v.duration : Infinity, t));
      setTime(v.currentTime);
    };
    return {
      play,
      pause,
      seek,
      togglePlay: () => (el()?.paused ? play(1) : pause()),
      step: (frames: number) => {
        const v = el();
        if (!v) return;
        v.pause();
        seek(frameMiddle(frameAt(v.currentTime, fps) + frames, fps));
      },
      // HTML video cannot play backwards: J slows down, then jumps back a second.
      j: () => {
        const v = el();
        if (!v) return;
        if (!v.paused && rateRef.current > 1) play(rateRef.current / 2);
        else {
          v.pause();
          seek(v.currentTime - 1);
        }
      },
      k: pause,
      l: () => (el()?.paused ? play(1) : play(Math.min(MAX_RATE, rateRef.current * 2))),
    };
  }, [fps]);

  const events: VideoClock['events'] = {
    onPlay: () => setPlaying(true),
    onPause: (e) => {
      setPlaying(false);
      setTime(e.currentTarget.currentTime);
    },
    onTimeUpdate: (e) => setTime(e.currentTarget.currentTime),
    onSeeked: (e) => setTime(e.currentTarget.currentTime),
    onLoadedMetadata: (e) => {
      if (Number.isFinite(e.currentTarget.duration)) setDuration(e.currentTarget.duration);
    },
  };

  return { ref, fps, playing, time, duration, rate, actions, events };
}
