import { beforeEach, describe, expect, it } from 'vitest';
import { tabSession } from '../../../renderer/src/tabSession';

/**
 * The rules that decide whether a tab's stored session token may be offered to the core again
 * (renderer/src/tabSession.ts). The browser's sessionStorage is stood in for by a Map, the only
 * part of the browser the module reads on load.
 */

class MemoryStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
  clear(): void {
    this.items.clear();
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
}

const storage = new MemoryStorage();
// tabSession reads `window` only when called, so the stand-in can be installed after the import.
(globalThis as unknown as { window: unknown }).window = { sessionStorage: storage };

const KEY = 'custodian.session';
const T0 = 1_800_000_000_000;

beforeEach(() => storage.clear());

describe('a tab takes back its session only after its own reload', () => {
  it('keeps nothing but the token, and nothing at all once cleared', () => {
    tabSession.save('tok-1');
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ token: 'tok-1', leftAt: null });
    tabSession.clear();
    expect(storage.length).toBe(0);
    expect(tabSession.take(T0)).toEqual({ kind: 'none' });
  });

  it('a reload (the page left moments ago) resumes, and the page is live again', () => {
    storage.setItem(KEY, JSON.stringify({ token: 'tok-1', leftAt: T0 - 2_000 }));
    expect(tabSession.take(T0)).toEqual({ kind: 'reload', token: 'tok-1' });
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ token: 'tok-1', leftAt: null });
    // The same storage read again (a copy made now, or a second take) is not a reload.
    expect(tabSession.take(T0)).toEqual({ kind: 'copy' });
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('a copy of a live tab (duplicate, window.open) is dropped without signing the original out', () => {
    tabSession.save('tok-live');
    expect(tabSession.take(T0)).toEqual({ kind: 'copy' });
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('a tab reopened after it was closed is dropped, and its token handed back to be signed out', () => {
    storage.setItem(KEY, JSON.stringify({ token: 'tok-old', leftAt: T0 - 60_000 }));
    expect(tabSession.take(T0)).toEqual({ kind: 'reopened', token: 'tok-old' });
    expect(storage.getItem(KEY)).toBeNull();
    storage.setItem(KEY, JSON.stringify({ token: 'tok-old', leftAt: T0 + 60_000 }));
    expect(tabSession.take(T0)).toEqual({ kind: 'reopened', token: 'tok-old' });
  });

  it('anything else in the slot is not a token', () => {
    for (const raw of ['not json', '{"token":""}', JSON.stringify({ token: 'x'.repeat(201), leftAt: T0 }), '{"leftAt":1}']) {
      storage.setItem(KEY, raw);
      expect(tabSession.take(T0)).toEqual({ kind: 'none' });
      expect(storage.getItem(KEY)).toBeNull();
    }
  });

  it('the sign-in notice is read once', () => {
    tabSession.saveNotice('Your session has ended.');
    expect(tabSession.takeNotice()).toBe('Your session has ended.');
    expect(tabSession.takeNotice()).toBeNull();
  });
});
