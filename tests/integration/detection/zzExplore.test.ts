import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { compositeClip } from '../../helpers/compositeClip';
import { detectAndTrack, detectEveryFrame } from '../../helpers/detectClip';
import { scoreProposals } from '../../helpers/detectionScore';
import { standardScenario } from '../../helpers/detectionScenario';
import { sampleFaces, sampleImageDir } from '../../helpers/sampleFaces';

it('explore', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-'));
  const spec = standardScenario(sampleFaces(sampleImageDir()!), { seconds: 6, width: 1280, height: 720, fps: 30 });
  let t = performance.now();
  const clip = await compositeClip(spec, work);
  console.log('composite s', ((performance.now() - t) / 1000).toFixed(1), clip.path);
  for (const every of [3, 10]) for (const flow of [false, true]) {
    const r = await detectAndTrack(clip, { every, flow });
    const s = scoreProposals(clip.truth, r.proposals, { fps: 30 });
    console.log(`every=${every} flow=${flow}`, JSON.stringify({ recall: s.recall.toFixed(4), byView: s.byView, gap: s.longestGap, fp: s.falseProposals, props: s.proposals, secs: r.seconds.toFixed(1), perSec: r.perVideoSecond.toFixed(2), classes: r.tracks.map((x) => x.cls + ':' + x.points.length + ':' + x.confidence.toFixed(2)).join(' ') }));
  }
  t = performance.now();
  const b = await detectEveryFrame(clip);
  const sb = scoreProposals(clip.truth, b.proposals, { fps: 30 });
  console.log('baseline', JSON.stringify({ recall: sb.recall.toFixed(4), byView: sb.byView, gap: sb.longestGap, fp: sb.falseProposals, props: sb.proposals, secs: b.seconds.toFixed(1) }));
}, 600_000);
