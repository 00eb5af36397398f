/** "Are minors present?" not answered yet (migration m0080): the release rules' protective case. */
export const MINORS_UNSET = -1;

export function minorsPresentOf(v: number | null | undefined): boolean | null {
  return v === 1 ? true : v === 0 ? false : null;
}

export function minorsPresentColumn(v: boolean | null): number {
  return v === null ? MINORS_UNSET : v ? 1 : 0;
}
