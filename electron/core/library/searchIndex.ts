import type { Db } from '../db/database';
import type { CoreContext } from '../coreContext';
import { getSetting, putSetting } from '../settings/settings';
import type { RecordingMeta } from '../../../shared/contract';

/**
 * The search index holds every field in Unicode compatibility form (NFKC), as does the query
 * (`ftsQuery`), so a name typed in full-width, ligature or mathematical letters is found by the
 * same letters typed plainly, and by its own text.
 */
export const SEARCH_INDEX_FORM = 'nfkc-1';

const nfkc = (s: string): string => s.normalize('NFKC');

export function indexForSearch(db: Db, id: string, originalName: string, m: RecordingMeta): void {
  const row = db.prepare('SELECT num FROM items WHERE id = ?').get(id) as { num: number } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM recording_fts WHERE rowid = ?').run(row.num);
  db.prepare(
    'INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.num, nfkc(originalName), nfkc(m.officer), nfkc(m.badge), nfkc(m.school), nfkc(m.incident), nfkc(m.cad), nfkc(m.categories.join(' ')), nfkc(m.notes));
}

interface IndexRow {
  num: number;
  original_name: string;
  officer: string | null;
  badge: string | null;
  school: string | null;
  incident: string | null;
  cad: string | null;
  categories: string | null;
  notes: string | null;
}

/**
 * Rebuilds the index once when it was written in an older form (a data folder from before
 * NFKC indexing), and logs it. Only the derived index changes; items and metadata are read,
 * never written. A start-up task (api/index.ts).
 */
export function upgradeSearchIndex(core: CoreContext): number {
  const db = core.db;
  if (getSetting<string>(db, 'search.indexForm') === SEARCH_INDEX_FORM) return 0;
  return core.record(core.systemActor(), () => {
    const rows = db.prepare(`SELECT i.num, i.original_name, m.officer, m.badge, m.school, m.incident, m.cad, m.categories, m.notes
      FROM recording_fts f JOIN items i ON i.num = f.rowid LEFT JOIN recording_meta m ON m.item_id = i.id`).all() as IndexRow[];
    const del = db.prepare('DELETE FROM recording_fts WHERE rowid = ?');
    const ins = db.prepare('INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) {
      const categories = (JSON.parse(r.categories ?? '[]') as string[]).join(' ');
      del.run(r.num);
      ins.run(r.num, nfkc(r.original_name), nfkc(r.officer ?? ''), nfkc(r.badge ?? ''), nfkc(r.school ?? ''), nfkc(r.incident ?? ''), nfkc(r.cad ?? ''), nfkc(categories), nfkc(r.notes ?? ''));
    }
    putSetting(db, 'search.indexForm', SEARCH_INDEX_FORM);
    const events = rows.length > 0 ? [{ action: 'search-index-rebuilt' as const, details: { form: SEARCH_INDEX_FORM, recordings: rows.length } }] : [];
    return { result: rows.length, events };
  });
}
