// Library queries on 100,000 recordings under 20 ms whatever the filter (issue 14). A derived
// table, `library_rows`, holds one narrow row per committed recording or redacted copy with the
// columns the Library filters and sorts on, keyed by the item number, and kept by triggers from
// `items` and `recording_meta` (each trigger rewrites the row from the two tables as they are, so
// the order the triggers run in does not matter). The Library chooses its page on this table
// alone (recordingsRepo.ts): a filter on the metadata no longer joins 100,000 metadata rows to
// items by their text id. No recording, metadata or custody row changes; the table can be
// rebuilt from the other two at any time (the INSERT below).
//
// `school`, `officer`, `incident` and `minors_present` are the LEFT JOIN's values: NULL for an
// item without a metadata row, so sorting and filtering give exactly what the join gave.
//
// `library_incident` is a trigram index of the incident numbers (rowid = num), so the incident
// filter (a substring, `LIKE %…%`) finds its candidates without reading every row; the query
// still applies the LIKE itself, so the result is exactly the LIKE's.
//
// sqlite_stat1 gets fixed figures for the table (those of a library of 100,000 recordings), so
// the query planner chooses the same plans in a new, small library as in a large one; a later
// ANALYZE replaces them with measured ones.
const refresh = (num: string) => `
  DELETE FROM library_rows WHERE num = ${num};
  INSERT INTO library_rows (num, kind, sort_start, ingested_at, original_name, duration_sec, playable, school, officer, incident, minors_present)
    SELECT i.num, i.kind, i.sort_start, i.ingested_at, i.original_name, i.duration_sec, i.playable, m.school, m.officer, m.incident, m.minors_present
    FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id
    WHERE i.num = ${num} AND i.state = 'committed' AND i.kind IN ('recording', 'redacted-copy');`;

export const m0170 = {
  version: 170,
  name: 'library_rows',
  sql: `
CREATE TABLE library_rows (
  num INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  sort_start TEXT,
  ingested_at TEXT NOT NULL,
  original_name TEXT NOT NULL,
  duration_sec REAL,
  playable INTEGER NOT NULL,
  school TEXT,
  officer TEXT,
  incident TEXT,
  minors_present INTEGER
) STRICT;
INSERT INTO library_rows (num, kind, sort_start, ingested_at, original_name, duration_sec, playable, school, officer, incident, minors_present)
  SELECT i.num, i.kind, i.sort_start, i.ingested_at, i.original_name, i.duration_sec, i.playable, m.school, m.officer, m.incident, m.minors_present
  FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id
  WHERE i.state = 'committed' AND i.kind IN ('recording', 'redacted-copy');
CREATE INDEX library_start ON library_rows(kind, sort_start);
CREATE INDEX library_ingested ON library_rows(kind, ingested_at);
CREATE INDEX library_name ON library_rows(kind, original_name);
CREATE INDEX library_duration ON library_rows(kind, duration_sec);
CREATE INDEX library_school ON library_rows(kind, school);
CREATE INDEX library_officer ON library_rows(kind, officer);
CREATE INDEX library_school_minors ON library_rows(kind, school, minors_present, sort_start);
CREATE INDEX library_officer_minors ON library_rows(kind, officer, minors_present, sort_start);
CREATE INDEX library_minors ON library_rows(kind, minors_present, sort_start);
CREATE INDEX library_playable ON library_rows(kind, playable, sort_start);

CREATE VIRTUAL TABLE library_incident USING fts5(incident, tokenize = 'trigram');
INSERT INTO library_incident (rowid, incident) SELECT num, incident FROM library_rows WHERE incident IS NOT NULL;
CREATE TRIGGER library_incident_ins AFTER INSERT ON library_rows WHEN NEW.incident IS NOT NULL BEGIN
  INSERT INTO library_incident (rowid, incident) VALUES (NEW.num, NEW.incident);
END;
CREATE TRIGGER library_incident_del AFTER DELETE ON library_rows BEGIN DELETE FROM library_incident WHERE rowid = OLD.num; END;
CREATE TRIGGER library_incident_upd AFTER UPDATE ON library_rows BEGIN
  DELETE FROM library_incident WHERE rowid = OLD.num;
  INSERT INTO library_incident (rowid, incident) SELECT NEW.num, NEW.incident WHERE NEW.incident IS NOT NULL;
END;

CREATE TRIGGER library_rows_item_ins AFTER INSERT ON items BEGIN ${refresh('NEW.num')} END;
CREATE TRIGGER library_rows_item_upd AFTER UPDATE ON items BEGIN
  DELETE FROM library_rows WHERE num = OLD.num;${refresh('NEW.num')}
END;
CREATE TRIGGER library_rows_item_del AFTER DELETE ON items BEGIN DELETE FROM library_rows WHERE num = OLD.num; END;
CREATE TRIGGER library_rows_meta_ins AFTER INSERT ON recording_meta BEGIN ${refresh('(SELECT num FROM items WHERE id = NEW.item_id)')} END;
CREATE TRIGGER library_rows_meta_upd AFTER UPDATE ON recording_meta BEGIN
  ${refresh('(SELECT num FROM items WHERE id = OLD.item_id)')}${refresh('(SELECT num FROM items WHERE id = NEW.item_id)')}
END;
CREATE TRIGGER library_rows_meta_del AFTER DELETE ON recording_meta BEGIN ${refresh('(SELECT num FROM items WHERE id = OLD.item_id)')} END;

ANALYZE library_rows;
DELETE FROM sqlite_stat1 WHERE tbl = 'library_rows';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('library_rows', 'library_start', '100000 50000 1'),
  ('library_rows', 'library_ingested', '100000 50000 1'),
  ('library_rows', 'library_name', '100000 50000 1'),
  ('library_rows', 'library_duration', '100000 50000 200'),
  ('library_rows', 'library_school', '100000 50000 2500'),
  ('library_rows', 'library_officer', '100000 50000 800'),
  ('library_rows', 'library_school_minors', '100000 50000 2500 1250 1'),
  ('library_rows', 'library_officer_minors', '100000 50000 800 400 1'),
  ('library_rows', 'library_minors', '100000 50000 33000 1'),
  ('library_rows', 'library_playable', '100000 50000 50000 1');
ANALYZE sqlite_schema;
`,
};
