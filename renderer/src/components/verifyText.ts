import type { FixityInfo } from '../../../shared/contract';
import { countOf } from '../../../shared/plural';
import { formatCount } from '../format';

/** What the fixity check found, with every count agreeing with its noun ("the 1 stored file matches"). */
export function fixityLine(f: Pick<FixityInfo, 'ok' | 'checked' | 'mismatched' | 'missing'>): string {
  if (f.ok) {
    if (f.checked === 0) return 'Fixity: there are no stored files to check yet.';
    if (f.checked === 1) return 'Fixity: the 1 stored file matches its SHA-256.';
    return `Fixity: all ${formatCount(f.checked)} stored files match their SHA-256.`;
  }
  return `Fixity: ${countOf(f.checked, 'file')} checked; ${formatCount(f.mismatched.length)} changed, ${formatCount(f.missing.length)} missing.`;
}
