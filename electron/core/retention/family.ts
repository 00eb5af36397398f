import type { Db } from '../db/database';

/**
 * An original recording and what follows it: its redacted copies (renders.parent_item_id, to
 * any depth) and the derivatives (playable copies, thumbnails) of each. They share the
 * original's schedule, its holds and its destruction.
 */
export interface FamilyMember {
  id: string;
  sha256: string;
  size: number;
  kind: string;
  state: string;
  parentItemId: string | null;
}

export function originalOf(db: Db, itemId: string): string {
  let id = itemId;
  for (let depth = 0; depth < 20; depth++) {
    const r = db.prepare('SELECT parent_item_id FROM renders WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(id) as { parent_item_id: string } | undefined;
    if (!r) return id;
    id = r.parent_item_id;
  }
  return id;
}

/** The original first, then every redacted copy made from it (committed or destroyed). */
export function familyOf(db: Db, originalId: string): FamilyMember[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE fam(id, parent) AS (
         SELECT ?, NULL
         UNION SELECT r.item_id, r.parent_item_id FROM renders r JOIN fam ON r.parent_item_id = fam.id
       )
       SELECT i.id, i.sha256, i.size, i.kind, i.state, fam.parent AS parentItemId FROM fam JOIN items i ON i.id = fam.id`,
    )
    .all(originalId) as FamilyMember[];
  return rows.sort((a, b) => (a.id === originalId ? -1 : b.id === originalId ? 1 : a.id.localeCompare(b.id)));
}

export interface DerivativeFile {
  itemId: string;
  kind: string;
  path: string;
  sha256: string;
}

export function derivativesOf(db: Db, itemIds: readonly string[]): DerivativeFile[] {
  const stmt = db.prepare('SELECT item_id AS itemId, kind, path, sha256 FROM derivatives WHERE item_id = ? ORDER BY id');
  return itemIds.flatMap((id) => stmt.all(id) as DerivativeFile[]);
}
