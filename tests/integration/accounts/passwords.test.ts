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
  it('loads the shipped banned list and the breached-password package once', () => {
    const a = bannedPasswords();
    expect(a.file).toMatch(/resources[\\/]security[\\/]banned-passwords\.txt$/);
    expect(a.breachedList).toBe(true);
    expect(a.words.size).toBeGreaterThan(40_000);
    expect(a.words.has('password')).toBe(true);
    expect(bannedPasswords()).toBe(a);
  });

  it('needs at least 12 characters, not spaces only, spaces at either end not counted', () => {
    expect(verdict('Tr0ub4dor&3')).toMatch(/at least 12/);
    expect(verdict('twelve chars')).toBe('ok');
    expect(verdict(' '.repeat(12))).toMatch(/spaces only/);
    expect(verdict(' \t'.repeat(20))).toMatch(/spaces only/);
    expect(verdict('  twelve chars  ')).toBe('ok');
    expect(verdict('  elevenchrs   ')).toMatch(/at least 12.*not counting spaces/);
  });

  // From the breached-password package only (not in resources/security/banned-passwords.txt).
  it.each(['sojdlg123aljg', 'QAZWSXEDCRFV', '1qaz2wsx3edc', 'MailCreated5240', 'WebSolutions', 'Leave Me Alone 2026', 'finalfantasy!!'])(
    'refuses the breached password %s, in any case, and says why',
    (p) => {
      expect(verdict(p)).toMatch(/commonly used passwords and passwords exposed in data breaches.*Choose a longer phrase/);
    },
  );

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
