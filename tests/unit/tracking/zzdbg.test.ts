import { it } from 'vitest';
import { trackDetections } from '../../../shared/domain/tracking/tracker';
import { detect } from '../../helpers/syntheticDetections';
it('dbg', () => {
  const gs = [{"box":{"x":0.1,"y":0.02,"w":0.02,"h":0.04},"vx":0,"vy":0,"grow":0,"from":1,"to":100},{"box":{"x":0.1,"y":0.35333333333333333,"w":0.02,"h":0.13493248411369974},"vx":0,"vy":0,"grow":0,"from":0,"to":100}];
  const frames = detect(gs, -404017871, { noise: 0.04, miss: 0.3, maxGap: 24 });
  for (const f of frames) console.log('D', f.frame, f.detections.map((d) => `${d.box.x.toFixed(4)},${d.box.y.toFixed(4)} ${d.box.w.toFixed(4)}x${d.box.h.toFixed(4)}`).join(' | '));
  const tracks = trackDetections(frames, { fps: 30, sampleEvery: 3 });
  for (const t of tracks) console.log('T', t.id, t.points.map((p) => `${p.frame}${p.kind[0]}:${p.box.y.toFixed(3)}`).join(' '));
});
