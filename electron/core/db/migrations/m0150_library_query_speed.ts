// Library queries on 100,000 recordings under 20 ms (issue 14). Indexes and a rebuilt search
// index only: no recording, metadata or custody row changes.
//  - A filter by school or officer (with or without "minors present") reads the item numbers it
//    needs from one index, and joins items by id on a covering index, so neither table's rows are
//    read until the page is chosen (recordingsRepo.ts).
//  - The search index gets prefix indexes for prefixes of 1 to 12 characters: the search box
//    makes every word a prefix term ("word"*), which without a prefix index of that length merges
//    the lists of every matching word (a common word: ~15 ms at 100,000 recordings; ~1 ms with
//    one). Same tokenizer, same rows (copied as indexed, NFKC text and all), same results.
export const m0150 = {
  version: 150,
  name: 'library_query_speed',
  sql: `
CREATE INDEX meta_school_minors ON recording_meta(school, minors_present, item_id);
CREATE INDEX meta_officer_minors ON recording_meta(officer, minors_present, item_id);
CREATE INDEX items_id_sort ON items(id, state, kind, sort_start);

CREATE VIRTUAL TABLE recording_fts_rebuilt USING fts5(
  original_name, officer, badge, school, incident, cad, categories, notes,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6 7 8 9 10 11 12'
);
INSERT INTO recording_fts_rebuilt (rowid, original_name, officer, badge, school, incident, cad, categories, notes)
  SELECT rowid, original_name, officer, badge, school, incident, cad, categories, notes FROM recording_fts;
INSERT INTO recording_fts_rebuilt (recording_fts_rebuilt) VALUES ('optimize');
DROP TABLE recording_fts;
ALTER TABLE recording_fts_rebuilt RENAME TO recording_fts;
`,
};
