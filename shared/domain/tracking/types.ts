/**
 * The contract between the detectors (electron/core/detection) and the tracker
 * (shared/domain/tracking). Geometry is the redaction plan's: x, y, w, h are fractions (0–1) of
 * the displayed frame; t is seconds from the start of presentation.
 */

/** What a detection is of. A head box is derived (person box or keypoints) when no face is seen. */
export const DETECTION_CLASSES = ['face', 'head', 'screen'] as const;
export type DetectionClass = (typeof DETECTION_CLASSES)[number];

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Detection {
  cls: DetectionClass;
  box: Box;
  /** 0–1. */
  score: number;
  /** Which model said so, e.g. "human/blazeface" or "human/centernet-person". */
  detector: string;
}

/** Everything the detectors found on one sampled frame (an empty list is a real answer). */
export interface FrameDetections {
  frame: number;
  t: number;
  detections: Detection[];
}

/** One point of a track: where the box is at time t, and how that was known. */
export interface TrackPoint {
  frame: number;
  t: number;
  box: Box;
  score: number;
  kind: 'detected' | 'predicted' | 'flow';
}

export interface Track {
  id: string;
  cls: DetectionClass;
  /** Time-ordered, one per moment. */
  points: TrackPoint[];
  /** 0–1: the track's overall confidence (e.g. mean detected score weighted by coverage). */
  confidence: number;
  /** The detectors that contributed. */
  detectors: string[];
}

export interface TrackerOptions {
  fps: number;
  /** Detection ran on every Nth frame. */
  sampleEvery: number;
  /** Seconds a track survives without a detection (default about 1 s). */
  keepAliveSeconds?: number;
  /** Fractional padding added to each side of a box (default 0.15). */
  pad?: number;
}

/**
 * Optional: a way to move a box from one frame to the next by image content (optical flow),
 * used to bridge detector gaps. The detection job supplies it when it holds the frames.
 */
export type FlowBridge = (fromFrame: number, toFrame: number, box: Box) => Box | null;
