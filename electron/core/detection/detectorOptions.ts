/** What the detectors are asked for; shared by the job (main thread) and the workers. */

export const FACE_DETECTOR = 'human/blazeface';
export const OBJECT_DETECTOR = 'human/centernet';

export interface DetectorOptions {
  /** Lowest score kept (0–1). */
  minScore: number;
  /** Faces and objects per frame at most. */
  maxPerFrame: number;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { minScore: 0.3, maxPerFrame: 40 };

/** Names and versions of what ran, for the run's record. */
export interface DetectorDescription {
  package: string;
  version: string;
  backend: string;
  models: string[];
}
