import { describe, expect, it } from 'vitest';
import { countOf } from '../../../shared/plural';
import { fixityLine } from '../../../renderer/src/components/verifyText';

describe('counts agree with their nouns', () => {
  it('writes one and many', () => {
    expect(countOf(1, 'file')).toBe('1 file');
    expect(countOf(0, 'file')).toBe('0 files');
    expect(countOf(1204, 'entry', 'entries')).toBe('1,204 entries');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
  });

  it('never says "all 1 stored files"', () => {
    const none = { mismatched: [], missing: [] };
    expect(fixityLine({ ok: true, checked: 1, ...none })).toBe('Fixity: the 1 stored file matches its SHA-256.');
    expect(fixityLine({ ok: true, checked: 2, ...none })).toBe('Fixity: all 2 stored files match their SHA-256.');
    expect(fixityLine({ ok: true, checked: 0, ...none })).toBe('Fixity: there are no stored files to check yet.');
    expect(fixityLine({ ok: false, checked: 1, mismatched: [{ id: 'a', sha256: 'x', actual: 'y' }], missing: [] })).toBe('Fixity: 1 file checked; 1 changed, 0 missing.');
  });
});
