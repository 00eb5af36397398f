import { planProblems, redactionPlanSchema, type RedactionPlan } from '../../../../shared/domain/redactionPlan';
import type { Segment } from '../../../../shared/contract';
import { formatClock } from '../../components/video/timecode';
import { regionSpan } from './planEdit';

export interface StudioFacts {
  /** A school, or not set (unknown is the protective case): only solid fill. */
  schoolLocation: boolean;
  durationSec: number | null;
  audioStreams: number;
}

export interface DecisionSegment extends Segment {
  /** Seconds, parsed from the reviewer's `H:MM:SS` / `MM:SS`; null when unreadable. */
  startSec: number | null;
  endSec: number | null;
  requestRef: string;
}

/** "1:02:03", "02:03" or "02:03.5" as seconds; null when it is not a time. */
export function parseOffset(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  return parts.reduce((acc, p) => acc * 60 + Number(p), 0);
}

/** Tolerance when asking whether the plan covers a reviewer's segment, in seconds. */
const COVER_SLACK = 0.25;

/** Whether [start, end] is covered by the union of the plan's region spans and audio ranges. */
export function covers(plan: RedactionPlan, start: number, end: number): boolean {
  const spans = [...plan.regions.filter((r) => !r.hidden).map(regionSpan), ...plan.audio.map((a) => ({ start: a.start, end: a.end }))].sort((a, b) => a.start - b.start);
  let reach = start;
  for (const s of spans) {
    if (s.start > reach + COVER_SLACK) break;
    reach = Math.max(reach, s.end);
    if (reach + COVER_SLACK >= end) return true;
  }
  return reach + COVER_SLACK >= end;
}

function nameOfRegion(plan: RedactionPlan, i: number): string {
  const r = plan.regions[i]!;
  return r.label ? `Region "${r.label}"` : `Region ${i + 1}`;
}

/** Every reason the plan may not be rendered yet, as sentences; empty when it may. */
export function studioProblems(plan: RedactionPlan, facts: StudioFacts, segments: readonly DecisionSegment[]): string[] {
  const out: string[] = [];
  if (plan.regions.length === 0 && plan.audio.length === 0 && plan.dropAudioStreams.length === 0) out.push('The plan is empty: draw a region or add an audio range first.');
  plan.regions.forEach((r, i) => {
    const missing = [!r.exemptionId && 'an exemption', !r.explanation.trim() && 'a one-line explanation'].filter(Boolean);
    if (missing.length) out.push(`${nameOfRegion(plan, i)} needs ${missing.join(' and ')}.`);
  });
  plan.audio.forEach((a, i) => {
    const missing = [!a.exemptionId && 'an exemption', !a.explanation.trim() && 'a one-line explanation'].filter(Boolean);
    if (missing.length) out.push(`Audio range ${i + 1} needs ${missing.join(' and ')}.`);
    if (a.end <= a.start) out.push(`Audio range ${i + 1} must end after it starts.`);
  });
  plan.dropAudioStreams.forEach((d) => {
    if (!d.exemptionId || !d.explanation.trim()) out.push(`Dropping audio stream ${d.stream + 1} needs an exemption and a one-line explanation.`);
  });
  out.push(...planProblems(plan, facts));
  for (const s of segments) {
    if (s.startSec === null || s.endSec === null) continue;
    if (!covers(plan, s.startSec, s.endSec)) {
      out.push(`The reviewer's segment ${formatClock(s.startSec)}–${formatClock(s.endSec)} (${s.what || 'redaction'}, ${s.requestRef}) is not covered by any region or audio range.`);
    }
  }
  // Anything else the plan format refuses (a region outside the frame, keyframes out of order).
  if (out.length === 0) {
    const parsed = redactionPlanSchema.safeParse(plan);
    if (!parsed.success) out.push(...parsed.error.issues.slice(0, 5).map((i) => `The plan is not valid yet (${i.path.join('.')}): ${i.message}`));
  }
  return out;
}
