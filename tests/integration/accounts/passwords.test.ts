import { describe, expect, it } from 'vitest';
import { assertAcceptablePassword, PASSWORD_MAX_LENGTH, passwordVariants } from '../../../electron/core/accounts/passwords';
import { bannedPasswords } from '../../../electron/core/accounts/bannedPasswords';

function verdict(password: string, username?: string): string {
  try {
    assertAcceptablePassword(password, username);
    return 'ok';
  } catch (err) {
    return (err as { code: string; message: string }).message;
  }
}

describe('password rules (CJIS IA-5)', () => {
  it('loads the shipped banned list once', () => {
    const a = bannedPasswords();
    expect(a.file).toMatch(/resources[\\/]security[\\/]banned-passwords\.txt$/);
    expect(a.words.size).toBeGreaterThan(300);
    expect(a.words.has('password')).toBe(true);
    expect(bannedPasswords()).toBe(a);
  });

  it('needs at least 12 characters', () => {
    expect(verdict('Tr0ub4dor&3')).toMatch(/at least 12/);
    expect(verdict('twelve chars')).toBe('ok');
  });

  it.each(['password1234', 'Password1234!', 'P@ssw0rd2026', '123456789012', 'qwertyuiop12', 'iloveyou2026', 'policepolice', 'administrator', '1custodian123', 'aaaaaaaaaaaa', 'abcdefghijkl', 'Summer2026!!', 'letmein123456'])(
    'refuses the common password %s',
    (p) => {
      expect(verdict(p)).toMatch(/commonly used|too easy/);
    },
  );

  it('refuses a password containing the user name, in any case', () => {
    expect(verdict('my name is JSmith forever', 'jsmith')).toMatch(/user name/);
    expect(verdict('correct horse battery staple', 'jsmith')).toBe('ok');
  });

  it('never truncates: every character counts, and overlong input is refused, not cut', () => {
    expect(verdict('x'.repeat(20) + 'y'.repeat(PASSWORD_MAX_LENGTH))).toMatch(/at most/);
    expect(verdict(`${'long random words '.repeat(50)}end`.slice(0, PASSWORD_MAX_LENGTH))).toBe('ok');
  });

  it('compares the forms an attacker would try first', () => {
    expect(passwordVariants('P@ssw0rd!2026')).toContain('password');
    expect(passwordVariants(' Let Me In 1234 ')).toContain('letmein');
  });
});
