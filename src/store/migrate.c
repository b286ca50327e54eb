/*
** Versioned schema migrations. Each migration has one SQLite text and one
** PostgreSQL text side by side (they differ only where the dialects do:
** INTEGER PRIMARY KEY against BIGINT GENERATED ALWAYS AS IDENTITY, BLOB
** against BYTEA) and runs in its own transaction together with the row in
** schema_version that records it. Never edit a migration that has shipped:
** add the next one.
**
** Conventions (docs/store.md): every record a unit owns carries unit_id;
** times are BIGINT epoch seconds; dates ISO text; flags INTEGER 0/1.
*/
#include "store_int.h"

#define ID_SQ "INTEGER PRIMARY KEY"
#define ID_PG "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

/* Schema v1: units with history, accounts, sessions, documents, events. */
#define V1(ID, BLOB, PATTERN_OPS)                                                                           \
	"CREATE TABLE unit ("                                                                               \
	"  id " ID ","                                                                                      \
	"  code TEXT NOT NULL UNIQUE,"                                                                      \
	"  name TEXT NOT NULL,"                                                                             \
	"  name_fold TEXT NOT NULL,"                                                                        \
	"  sort_key " BLOB " NOT NULL,"                                                                     \
	"  kind TEXT NOT NULL CHECK (kind IN ('city','subordinate','commune','agency','cell','district'))," \
	"  parent_id BIGINT REFERENCES unit(id),"                                                           \
	"  path TEXT NOT NULL DEFAULT '',"                                                                  \
	"  valid_from TEXT,"                                                                                \
	"  valid_to TEXT,"                                                                                  \
	"  successor_id BIGINT REFERENCES unit(id),"                                                        \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  created_at BIGINT NOT NULL DEFAULT 0"                                                            \
	");"                                                                                                \
	"CREATE INDEX unit_parent_idx ON unit(parent_id, sort_key);"                                        \
	"CREATE INDEX unit_path_idx ON unit(path" PATTERN_OPS ");"                                          \
	"CREATE INDEX unit_successor_id_idx ON unit(successor_id);"                                         \
	"CREATE INDEX unit_sort_idx ON unit(sort_key);"                                                     \
	"CREATE TABLE unit_successor ("                                                                     \
	"  old_id BIGINT NOT NULL REFERENCES unit(id),"                                                     \
	"  new_id BIGINT NOT NULL REFERENCES unit(id),"                                                     \
	"  full_merge INTEGER NOT NULL DEFAULT 1,"                                                          \
	"  PRIMARY KEY (old_id, new_id),"                                                                   \
	"  CHECK (old_id <> new_id)"                                                                        \
	");"                                                                                                \
	"CREATE INDEX unit_successor_new_idx ON unit_successor(new_id);"                                    \
	"CREATE TABLE account ("                                                                            \
	"  id " ID ","                                                                                      \
	"  login TEXT NOT NULL UNIQUE,"                                                                     \
	"  display_name TEXT NOT NULL,"                                                                     \
	"  role TEXT NOT NULL CHECK (role IN ('admin','leader','inspector','staff','viewer')),"             \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                                    \
	"  pw_hash TEXT NOT NULL,"                                                                          \
	"  disabled INTEGER NOT NULL DEFAULT 0,"                                                            \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  created_at BIGINT NOT NULL,"                                                                     \
	"  last_login_at BIGINT NOT NULL DEFAULT 0"                                                         \
	");"                                                                                                \
	"CREATE INDEX account_unit_idx ON account(unit_id);"                                                \
	"CREATE TABLE session ("                                                                            \
	"  id " ID ","                                                                                      \
	"  token_hash TEXT NOT NULL UNIQUE,"                                                                \
	"  kind TEXT NOT NULL CHECK (kind IN ('web','api')),"                                               \
	"  account_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,"                            \
	"  csrf TEXT,"                                                                                      \
	"  created_at BIGINT NOT NULL,"                                                                     \
	"  expires_at BIGINT NOT NULL"                                                                      \
	");"                                                                                                \
	"CREATE INDEX session_expires_idx ON session(expires_at);"                                          \
	"CREATE INDEX session_account_idx ON session(account_id);"                                          \
	"CREATE TABLE login_attempt ("                                                                      \
	"  id " ID ","                                                                                      \
	"  login TEXT NOT NULL,"                                                                            \
	"  addr TEXT NOT NULL,"                                                                             \
	"  at BIGINT NOT NULL,"                                                                             \
	"  ok INTEGER NOT NULL"                                                                             \
	");"                                                                                                \
	"CREATE INDEX login_attempt_login_idx ON login_attempt(login, at);"                                 \
	"CREATE INDEX login_attempt_addr_idx ON login_attempt(addr, at);"                                   \
	"CREATE TABLE doc ("                                                                                \
	"  id " ID ","                                                                                      \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                                    \
	"  kind TEXT NOT NULL,"                                                                             \
	"  number TEXT,"                                                                                    \
	"  doc_date TEXT,"                                                                                  \
	"  title TEXT NOT NULL,"                                                                            \
	"  body TEXT,"                                                                                      \
	"  source TEXT,"                                                                                    \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  created_at BIGINT NOT NULL DEFAULT 0"                                                            \
	");"                                                                                                \
	"CREATE INDEX doc_unit_idx ON doc(unit_id, doc_date);"                                              \
	"CREATE INDEX doc_number_idx ON doc(number);"                                                       \
	"CREATE TABLE event ("                                                                              \
	"  id " ID ","                                                                                      \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                                    \
	"  event_date TEXT NOT NULL,"                                                                       \
	"  category TEXT NOT NULL,"                                                                         \
	"  title TEXT NOT NULL,"                                                                            \
	"  detail TEXT,"                                                                                    \
	"  source TEXT,"                                                                                    \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                                \
	"  created_at BIGINT NOT NULL DEFAULT 0"                                                            \
	");"                                                                                                \
	"CREATE INDEX event_unit_idx ON event(unit_id, event_date);"

/*
** Schema v2: the hash-chained audit log (model/audit.h). seq is assigned by
** the writer under a lock, not by the engine, because it is part of what
** each entry's hash covers. No foreign keys: entries outlive what they name.
*/
#define V2(BLOB)                                                     \
	"CREATE TABLE audit ("                                       \
	"  seq BIGINT PRIMARY KEY,"                                  \
	"  at BIGINT NOT NULL,"                                      \
	"  account_id BIGINT,"                                       \
	"  unit_id BIGINT,"                                          \
	"  entity TEXT NOT NULL,"                                    \
	"  entity_id BIGINT NOT NULL DEFAULT 0,"                     \
	"  action TEXT NOT NULL,"                                    \
	"  before_json TEXT,"                                        \
	"  after_json TEXT,"                                         \
	"  prev_hash " BLOB " NOT NULL,"                             \
	"  hash " BLOB " NOT NULL"                                   \
	");"                                                         \
	"CREATE INDEX audit_entity_idx ON audit(entity, entity_id);" \
	"CREATE INDEX audit_unit_idx ON audit(unit_id);"

/*
** Schema v3: the programmes cascade (model/directive.h, indicator.h,
** plan.h, progress.h; docs/cascade.md). A directive is a doc with a period,
** the parsed parts of its number (so the next free number is one indexed
** MAX) and typed links; indicators hang under it; each unit's plan adopts
** indicators with local targets and lists tasks; values are per indicator,
** unit and period, with evidence kept content-addressed in blob.
*/
#define V3(ID, BLOB)                                                                               \
	"ALTER TABLE doc ADD COLUMN period_from TEXT;"                                             \
	"ALTER TABLE doc ADD COLUMN period_to TEXT;"                                               \
	"ALTER TABLE doc ADD COLUMN num_system TEXT;"                                              \
	"ALTER TABLE doc ADD COLUMN num_kind TEXT;"                                                \
	"ALTER TABLE doc ADD COLUMN num_series TEXT;"                                              \
	"ALTER TABLE doc ADD COLUMN num_n BIGINT;"                                                 \
	"CREATE UNIQUE INDEX doc_num_uq ON doc(unit_id, num_system, num_kind, num_series, num_n)"  \
	"  WHERE num_n IS NOT NULL;"                                                               \
	"CREATE TABLE doc_link ("                                                                  \
	"  from_id BIGINT NOT NULL REFERENCES doc(id),"                                            \
	"  rel TEXT NOT NULL CHECK (rel IN ('implements','replaces','guides')),"                   \
	"  to_id BIGINT NOT NULL REFERENCES doc(id),"                                              \
	"  PRIMARY KEY (from_id, rel, to_id),"                                                     \
	"  CHECK (from_id <> to_id)"                                                               \
	");"                                                                                       \
	"CREATE INDEX doc_link_to_idx ON doc_link(to_id, rel);"                                    \
	"CREATE TABLE indicator ("                                                                 \
	"  id " ID ","                                                                             \
	"  doc_id BIGINT NOT NULL REFERENCES doc(id),"                                             \
	"  code TEXT NOT NULL,"                                                                    \
	"  name TEXT NOT NULL,"                                                                    \
	"  measure TEXT NOT NULL,"                                                                 \
	"  direction TEXT NOT NULL CHECK (direction IN ('up','down')),"                            \
	"  target DOUBLE PRECISION,"                                                               \
	"  baseline DOUBLE PRECISION,"                                                             \
	"  period TEXT NOT NULL CHECK (period IN ('month','quarter','year','term')),"              \
	"  agg TEXT NOT NULL CHECK (agg IN ('sum','mean','wmean','ratio','min','max','all_met'))," \
	"  scale DOUBLE PRECISION NOT NULL DEFAULT 1,"                                             \
	"  seq INTEGER NOT NULL DEFAULT 0,"                                                        \
	"  UNIQUE (doc_id, code)"                                                                  \
	");"                                                                                       \
	"CREATE TABLE indicator_kind ("                                                            \
	"  indicator_id BIGINT NOT NULL REFERENCES indicator(id),"                                 \
	"  kind TEXT NOT NULL,"                                                                    \
	"  PRIMARY KEY (indicator_id, kind)"                                                       \
	");"                                                                                       \
	"CREATE TABLE plan ("                                                                      \
	"  id " ID ","                                                                             \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                           \
	"  directive_id BIGINT NOT NULL REFERENCES doc(id),"                                       \
	"  doc_id BIGINT REFERENCES doc(id),"                                                      \
	"  title TEXT NOT NULL,"                                                                   \
	"  plan_date TEXT NOT NULL,"                                                               \
	"  state TEXT NOT NULL DEFAULT 'draft'"                                                    \
	"    CHECK (state IN ('draft','submitted','returned','accepted')),"                        \
	"  override_reason TEXT,"                                                                  \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                       \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                                  \
	"  updated_at BIGINT NOT NULL DEFAULT 0,"                                                  \
	"  UNIQUE (unit_id, directive_id)"                                                         \
	");"                                                                                       \
	"CREATE INDEX plan_directive_idx ON plan(directive_id, unit_id);"                          \
	"CREATE TABLE plan_indicator ("                                                            \
	"  plan_id BIGINT NOT NULL REFERENCES plan(id),"                                           \
	"  indicator_id BIGINT NOT NULL REFERENCES indicator(id),"                                 \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                           \
	"  local_target DOUBLE PRECISION,"                                                         \
	"  PRIMARY KEY (plan_id, indicator_id)"                                                    \
	");"                                                                                       \
	"CREATE INDEX plan_indicator_ind_idx ON plan_indicator(indicator_id, unit_id);"            \
	"CREATE TABLE task ("                                                                      \
	"  id " ID ","                                                                             \
	"  plan_id BIGINT NOT NULL REFERENCES plan(id),"                                           \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                           \
	"  seq INTEGER NOT NULL,"                                                                  \
	"  number TEXT NOT NULL,"                                                                  \
	"  content TEXT NOT NULL,"                                                                 \
	"  lead_kind TEXT CHECK (lead_kind IN ('unit','person')),"                                 \
	"  lead_name TEXT,"                                                                        \
	"  lead_unit_id BIGINT REFERENCES unit(id),"                                               \
	"  cooperate TEXT,"                                                                        \
	"  process TEXT,"                                                                          \
	"  responsibility TEXT,"                                                                   \
	"  result TEXT,"                                                                           \
	"  deadline TEXT,"                                                                         \
	"  indicator_id BIGINT REFERENCES indicator(id),"                                          \
	"  done_date TEXT,"                                                                        \
	"  missing INTEGER NOT NULL DEFAULT 0,"                                                    \
	"  CHECK ((lead_kind IS NULL) = (lead_name IS NULL))"                                      \
	");"                                                                                       \
	"CREATE INDEX task_plan_idx ON task(plan_id, seq);"                                        \
	"CREATE INDEX task_unit_idx ON task(unit_id, deadline);"                                   \
	"CREATE TABLE task_coop ("                                                                 \
	"  task_id BIGINT NOT NULL REFERENCES task(id),"                                           \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                           \
	"  PRIMARY KEY (task_id, unit_id)"                                                         \
	");"                                                                                       \
	"CREATE TABLE blob ("                                                                      \
	"  hash TEXT PRIMARY KEY,"                                                                 \
	"  size BIGINT NOT NULL,"                                                                  \
	"  mime TEXT NOT NULL,"                                                                    \
	"  data " BLOB " NOT NULL,"                                                                \
	"  created_at BIGINT NOT NULL"                                                             \
	");"                                                                                       \
	"CREATE TABLE ind_value ("                                                                 \
	"  id " ID ","                                                                             \
	"  indicator_id BIGINT NOT NULL REFERENCES indicator(id),"                                 \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                           \
	"  period TEXT NOT NULL,"                                                                  \
	"  value DOUBLE PRECISION NOT NULL,"                                                       \
	"  num DOUBLE PRECISION,"                                                                  \
	"  den DOUBLE PRECISION,"                                                                  \
	"  weight DOUBLE PRECISION,"                                                               \
	"  note TEXT,"                                                                             \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                                  \
	"  UNIQUE (indicator_id, period, unit_id)"                                                 \
	");"                                                                                       \
	"CREATE INDEX ind_value_unit_idx ON ind_value(unit_id, indicator_id);"                     \
	"CREATE TABLE evidence ("                                                                  \
	"  value_id BIGINT NOT NULL REFERENCES ind_value(id),"                                     \
	"  hash TEXT NOT NULL REFERENCES blob(hash),"                                              \
	"  filename TEXT NOT NULL,"                                                                \
	"  PRIMARY KEY (value_id, hash)"                                                           \
	");"

/*
** Schema v4: inspections and supervision (22-QĐ/TW), teams, conclusions in
** versions, findings with cause/addressee/remedy/deadline, remedy reports
** with evidence. docs/inspection.md.
*/
#define V4(ID)                                                                                   \
	"CREATE TABLE inspection ("                                                              \
	"  id " ID ","                                                                           \
	"  kind TEXT NOT NULL CHECK (kind IN ('supervision_regular','supervision_thematic',"     \
	"    'inspection_thematic','inspection_violation','inspection_lower')),"                 \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                         \
	"  year INTEGER NOT NULL,"                                                               \
	"  title TEXT NOT NULL,"                                                                 \
	"  subjects TEXT,"                                                                       \
	"  decision_no TEXT,"                                                                    \
	"  purpose TEXT,"                                                                        \
	"  content TEXT,"                                                                        \
	"  method TEXT,"                                                                         \
	"  date_from TEXT NOT NULL,"                                                             \
	"  date_to TEXT NOT NULL,"                                                               \
	"  state TEXT NOT NULL DEFAULT 'planned'"                                                \
	"    CHECK (state IN ('planned','in_progress','concluded')),"                            \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                     \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                                \
	"  CHECK (date_from <= date_to)"                                                         \
	");"                                                                                     \
	"CREATE INDEX inspection_unit_idx ON inspection(unit_id, date_from);"                    \
	"CREATE INDEX inspection_year_idx ON inspection(year, date_from);"                       \
	"CREATE TABLE insp_member ("                                                             \
	"  inspection_id BIGINT NOT NULL REFERENCES inspection(id),"                             \
	"  account_id BIGINT NOT NULL REFERENCES account(id),"                                   \
	"  role TEXT NOT NULL CHECK (role IN ('leader','deputy','member','secretary')),"         \
	"  PRIMARY KEY (inspection_id, account_id)"                                              \
	");"                                                                                     \
	"CREATE INDEX insp_member_account_idx ON insp_member(account_id);"                       \
	"CREATE TABLE conclusion ("                                                              \
	"  id " ID ","                                                                           \
	"  inspection_id BIGINT NOT NULL REFERENCES inspection(id),"                             \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                         \
	"  version INTEGER NOT NULL,"                                                            \
	"  number TEXT,"                                                                         \
	"  conc_date TEXT NOT NULL,"                                                             \
	"  commendations TEXT,"                                                                  \
	"  criticisms TEXT,"                                                                     \
	"  correction_reason TEXT,"                                                              \
	"  state TEXT NOT NULL DEFAULT 'draft'"                                                  \
	"    CHECK (state IN ('draft','issued','superseded')),"                                  \
	"  issued_at BIGINT NOT NULL DEFAULT 0,"                                                 \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                                \
	"  UNIQUE (inspection_id, version)"                                                      \
	");"                                                                                     \
	"CREATE TABLE finding ("                                                                 \
	"  id " ID ","                                                                           \
	"  source TEXT NOT NULL DEFAULT 'inspection' CHECK (source IN ('inspection','review'))," \
	"  conclusion_id BIGINT REFERENCES conclusion(id),"                                      \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                         \
	"  live INTEGER NOT NULL DEFAULT 0,"                                                     \
	"  seq INTEGER NOT NULL,"                                                                \
	"  content TEXT NOT NULL,"                                                               \
	"  cause_kind TEXT CHECK (cause_kind IN ('subjective','objective')),"                    \
	"  cause TEXT,"                                                                          \
	"  addressee_kind TEXT CHECK (addressee_kind IN ('unit','person')),"                     \
	"  addressee_name TEXT,"                                                                 \
	"  addressee_unit_id BIGINT REFERENCES unit(id),"                                        \
	"  remedy TEXT,"                                                                         \
	"  deadline TEXT,"                                                                       \
	"  done_date TEXT,"                                                                      \
	"  origin_id BIGINT REFERENCES finding(id)"                                              \
	");"                                                                                     \
	"CREATE INDEX finding_conclusion_idx ON finding(conclusion_id, seq);"                    \
	"CREATE INDEX finding_unit_idx ON finding(unit_id, live);"                               \
	"CREATE INDEX finding_live_idx ON finding(live, deadline);"                              \
	"CREATE TABLE finding_report ("                                                          \
	"  id " ID ","                                                                           \
	"  finding_id BIGINT NOT NULL REFERENCES finding(id),"                                   \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                         \
	"  report_date TEXT NOT NULL,"                                                           \
	"  text TEXT NOT NULL,"                                                                  \
	"  state TEXT NOT NULL DEFAULT 'submitted'"                                              \
	"    CHECK (state IN ('submitted','accepted','returned')),"                              \
	"  reported_by BIGINT NOT NULL DEFAULT 0,"                                               \
	"  decided_by BIGINT NOT NULL DEFAULT 0,"                                                \
	"  decided_on TEXT,"                                                                     \
	"  reason TEXT,"                                                                         \
	"  created_at BIGINT NOT NULL DEFAULT 0"                                                 \
	");"                                                                                     \
	"CREATE INDEX finding_report_finding_idx ON finding_report(finding_id, id);"             \
	"CREATE TABLE finding_evidence ("                                                        \
	"  report_id BIGINT NOT NULL REFERENCES finding_report(id),"                             \
	"  hash TEXT NOT NULL REFERENCES blob(hash),"                                            \
	"  filename TEXT NOT NULL,"                                                              \
	"  PRIMARY KEY (report_id, hash)"                                                        \
	");"

/*
** Schema v5: the complaints and denunciations register and its time-limit
** rules (kind, days, the source that sets them, in force from a date).
*/
#define V5(ID)                                                               \
	"CREATE TABLE complaint_rule ("                                      \
	"  id " ID ","                                                       \
	"  kind TEXT NOT NULL CHECK (kind IN ('denunciation','complaint'))," \
	"  days INTEGER NOT NULL CHECK (days > 0),"                          \
	"  source TEXT NOT NULL,"                                            \
	"  valid_from TEXT NOT NULL,"                                        \
	"  set_by BIGINT NOT NULL DEFAULT 0,"                                \
	"  set_at BIGINT NOT NULL DEFAULT 0,"                                \
	"  UNIQUE (kind, valid_from)"                                        \
	");"                                                                 \
	"CREATE TABLE complaint ("                                           \
	"  id " ID ","                                                       \
	"  kind TEXT NOT NULL CHECK (kind IN ('denunciation','complaint'))," \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                     \
	"  received TEXT NOT NULL,"                                          \
	"  summary TEXT NOT NULL,"                                           \
	"  handler TEXT NOT NULL,"                                           \
	"  rule_id BIGINT NOT NULL REFERENCES complaint_rule(id),"           \
	"  due TEXT NOT NULL,"                                               \
	"  state TEXT NOT NULL DEFAULT 'open'"                               \
	"    CHECK (state IN ('open','resolved','forwarded','dismissed')),"  \
	"  closed_on TEXT,"                                                  \
	"  outcome TEXT,"                                                    \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                 \
	"  created_at BIGINT NOT NULL DEFAULT 0"                             \
	");"                                                                 \
	"CREATE INDEX complaint_unit_idx ON complaint(unit_id, received);"   \
	"CREATE INDEX complaint_due_idx ON complaint(state, due);"

/* Schema v6: risk-score weights per year, every setting kept (the latest applies). */
#define V6(ID)                                                        \
	"CREATE TABLE risk_weight ("                                  \
	"  id " ID ","                                                \
	"  year INTEGER NOT NULL,"                                    \
	"  w_tasks DOUBLE PRECISION NOT NULL,"                        \
	"  w_findings DOUBLE PRECISION NOT NULL,"                     \
	"  w_shortfalls DOUBLE PRECISION NOT NULL,"                   \
	"  w_complaints DOUBLE PRECISION NOT NULL,"                   \
	"  w_years DOUBLE PRECISION NOT NULL,"                        \
	"  note TEXT NOT NULL,"                                       \
	"  set_by BIGINT NOT NULL DEFAULT 0,"                         \
	"  set_at BIGINT NOT NULL DEFAULT 0"                          \
	");"                                                          \
	"CREATE INDEX risk_weight_year_idx ON risk_weight(year, id);" \
	"CREATE INDEX task_overdue_idx ON task(deadline, unit_id);"   \
	"CREATE INDEX inspection_last_idx ON inspection(unit_id, date_to);"

/*
** Schema v7: self-criticism reviews (kiểm điểm): the working groups of a
** year, the superior's suggested points per unit, the unit's remediation
** plan; their findings are rows of finding with source 'review'.
*/
#define V7(ID)                                                                   \
	"CREATE TABLE review_group ("                                            \
	"  id " ID ","                                                           \
	"  year INTEGER NOT NULL,"                                               \
	"  no INTEGER NOT NULL CHECK (no > 0),"                                  \
	"  name TEXT NOT NULL,"                                                  \
	"  lead_name TEXT,"                                                      \
	"  UNIQUE (year, no)"                                                    \
	");"                                                                     \
	"CREATE TABLE review ("                                                  \
	"  id " ID ","                                                           \
	"  year INTEGER NOT NULL,"                                               \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                         \
	"  group_id BIGINT REFERENCES review_group(id),"                         \
	"  points TEXT NOT NULL,"                                                \
	"  points_date TEXT NOT NULL,"                                           \
	"  plan_text TEXT,"                                                      \
	"  plan_date TEXT,"                                                      \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                     \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                \
	"  UNIQUE (year, unit_id)"                                               \
	");"                                                                     \
	"ALTER TABLE finding ADD COLUMN review_id BIGINT REFERENCES review(id);" \
	"CREATE INDEX finding_review_idx ON finding(review_id, seq);"

/*
** Schema v8: the open findings (live, not done) by deadline, for the accountability
** list and the risk score; (live, deadline) made SQLite scan the done ones.
*/
#define V8                                                                              \
	"CREATE INDEX finding_open_idx ON finding(live, done_date, deadline, unit_id);" \
	"DROP INDEX finding_live_idx;"

/* Schema v9: a weight for plans' incomplete tasks (the five "rõ" of plan_check) in the risk score. */
#define V9 "ALTER TABLE risk_weight ADD COLUMN w_plan_gaps DOUBLE PRECISION NOT NULL DEFAULT 1;"

/*
** Schema v10: (1) a unit's place in a ranking of a year (position of n, the
** index ranked, the source that states it), for the risk score's ranking
** signal, with its weight; (2) a complaint may be registered while no
** time-limit rule is declared for its kind: rule_id and due are then both
** NULL and the register says "chưa khai báo thời hạn" (never a made-up
** limit). SQLite cannot drop NOT NULL, so its complaint table is rebuilt
** with the same ids.
*/
#define V10_RANK(ID)                                        \
	"CREATE TABLE unit_rank ("                          \
	"  id " ID ","                                      \
	"  year INTEGER NOT NULL,"                          \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"    \
	"  index_name TEXT NOT NULL,"                       \
	"  position INTEGER NOT NULL CHECK (position > 0)," \
	"  of_n INTEGER NOT NULL CHECK (of_n >= position)," \
	"  source TEXT NOT NULL,"                           \
	"  note TEXT,"                                      \
	"  demo INTEGER NOT NULL DEFAULT 0,"                \
	"  set_by BIGINT NOT NULL DEFAULT 0,"               \
	"  set_at BIGINT NOT NULL DEFAULT 0,"               \
	"  UNIQUE (year, unit_id)"                          \
	");"                                                \
	"ALTER TABLE risk_weight ADD COLUMN w_rank DOUBLE PRECISION NOT NULL DEFAULT 1;"
#define V10_SQ                                                                                           \
	V10_RANK(ID_SQ)                                                                                  \
	"CREATE TABLE complaint_v10 ("                                                                   \
	"  id " ID_SQ ","                                                                                \
	"  kind TEXT NOT NULL CHECK (kind IN ('denunciation','complaint')),"                             \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                                                 \
	"  received TEXT NOT NULL,"                                                                      \
	"  summary TEXT NOT NULL,"                                                                       \
	"  handler TEXT NOT NULL,"                                                                       \
	"  rule_id BIGINT REFERENCES complaint_rule(id),"                                                \
	"  due TEXT,"                                                                                    \
	"  state TEXT NOT NULL DEFAULT 'open'"                                                           \
	"    CHECK (state IN ('open','resolved','forwarded','dismissed')),"                              \
	"  closed_on TEXT,"                                                                              \
	"  outcome TEXT,"                                                                                \
	"  demo INTEGER NOT NULL DEFAULT 0,"                                                             \
	"  created_at BIGINT NOT NULL DEFAULT 0,"                                                        \
	"  CHECK ((rule_id IS NULL) = (due IS NULL))"                                                    \
	");"                                                                                             \
	"INSERT INTO complaint_v10 (id, kind, unit_id, received, summary, handler, rule_id, due, state," \
	"  closed_on, outcome, demo, created_at) SELECT id, kind, unit_id, received, summary, handler,"  \
	"  rule_id, due, state, closed_on, outcome, demo, created_at FROM complaint;"                    \
	"DROP TABLE complaint;"                                                                          \
	"ALTER TABLE complaint_v10 RENAME TO complaint;"                                                 \
	"CREATE INDEX complaint_unit_idx ON complaint(unit_id, received);"                               \
	"CREATE INDEX complaint_due_idx ON complaint(state, due);"
#define V10_PG                                                        \
	V10_RANK(ID_PG)                                               \
	"ALTER TABLE complaint ALTER COLUMN rule_id DROP NOT NULL;"   \
	"ALTER TABLE complaint ALTER COLUMN due DROP NOT NULL;"       \
	"ALTER TABLE complaint ADD CONSTRAINT complaint_rule_due_chk" \
	"  CHECK ((rule_id IS NULL) = (due IS NULL));"

/*
** Schema v11: the inspected unit's self-report (báo cáo tự kiểm tra) to an
** inspection, with its evidence files (content-addressed blobs, as for
** remedy reports). docs/inspection.md.
*/
#define V11(ID)                                                                \
	"CREATE TABLE insp_report ("                                           \
	"  id " ID ","                                                         \
	"  inspection_id BIGINT NOT NULL REFERENCES inspection(id),"           \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                       \
	"  report_date TEXT NOT NULL,"                                         \
	"  text TEXT NOT NULL,"                                                \
	"  reported_by BIGINT NOT NULL DEFAULT 0,"                             \
	"  created_at BIGINT NOT NULL DEFAULT 0"                               \
	");"                                                                   \
	"CREATE INDEX insp_report_insp_idx ON insp_report(inspection_id, id);" \
	"CREATE TABLE insp_evidence ("                                         \
	"  report_id BIGINT NOT NULL REFERENCES insp_report(id),"              \
	"  hash TEXT NOT NULL REFERENCES blob(hash),"                          \
	"  filename TEXT NOT NULL,"                                            \
	"  PRIMARY KEY (report_id, hash)"                                      \
	");"

/*
** Schema v12: each stored plan's measured copied share (doc_reuse_measure,
** run after every `giamsat reuse sync` and demo build): the share 0..1 of
** its content found in other documents, the main source (a stored
** document's id, else the index name), when it was measured and the
** index generation it was measured against (a hash of the index's
** MANIFEST: a figure whose generation differs from the current index's is
** stale). One row per document, replaced at each measurement. And the
** weight of the risk score's "copied plans" signal, default 1 like the
** others (docs/inspection.md).
*/
#define V12                                                                    \
	"CREATE TABLE doc_copy ("                                              \
	"  doc_id BIGINT PRIMARY KEY REFERENCES doc(id),"                      \
	"  unit_id BIGINT NOT NULL REFERENCES unit(id),"                       \
	"  share DOUBLE PRECISION NOT NULL CHECK (share >= 0 AND share <= 1)," \
	"  source_doc_id BIGINT,"                                              \
	"  source_name TEXT,"                                                  \
	"  measured_at BIGINT NOT NULL,"                                       \
	"  generation TEXT NOT NULL"                                           \
	");"                                                                   \
	"CREATE INDEX doc_copy_unit_idx ON doc_copy(unit_id);"                 \
	"ALTER TABLE risk_weight ADD COLUMN w_copied DOUBLE PRECISION NOT NULL DEFAULT 1;"

const struct migration store_migrations[] = {
	{ 1, "units with history, accounts, sessions, documents, events", V1(ID_SQ, "BLOB", ""),
	  V1(ID_PG, "BYTEA", " text_pattern_ops") },
	{ 2, "hash-chained audit log", V2("BLOB"), V2("BYTEA") },
	{ 3, "programmes cascade: directives, indicators, plans, tasks, values", V3(ID_SQ, "BLOB"),
	  V3(ID_PG, "BYTEA") },
	{ 4, "inspections: teams, conclusions in versions, findings, remedy reports", V4(ID_SQ), V4(ID_PG) },
	{ 5, "complaints and denunciations register with sourced time-limit rules", V5(ID_SQ), V5(ID_PG) },
	{ 6, "risk-score weights per year", V6(ID_SQ), V6(ID_PG) },
	{ 7, "self-criticism reviews: working groups, suggested points, remediation plans", V7(ID_SQ), V7(ID_PG) },
	{ 8, "index of open findings by deadline", V8, V8 },
	{ 9, "risk weight for incomplete plan tasks", V9, V9 },
	{ 10, "unit rankings for the risk score; complaints without a declared time limit", V10_SQ, V10_PG },
	{ 11, "inspections: the inspected unit's self-report with evidence", V11(ID_SQ), V11(ID_PG) },
	{ 12, "measured copied share of each plan; risk weight for copied plans", V12, V12 },
};
const size_t store_migrations_n = ARRAY_SIZE(store_migrations);

static const char SCHEMA_VERSION_TABLE[] = "CREATE TABLE IF NOT EXISTS schema_version ("
					   "  version INTEGER PRIMARY KEY,"
					   "  what TEXT NOT NULL,"
					   "  applied_at BIGINT NOT NULL"
					   ")";

static struct query Q_VERSION = { "SELECT COALESCE(MAX(version), 0) FROM schema_version", NULL, 0 };
static struct query Q_RECORD = { "INSERT INTO schema_version (version, what, applied_at) VALUES ($1, $2, $3)", NULL,
				 0 };

static enum app_err read_version(struct conn *c, int *version)
{
	struct stmt *st = conn_stmt(c, &Q_VERSION);
	bool row;
	enum app_err e;

	*version = 0;
	if (!st)
		return APP_EDB;
	e = stmt_step(st, &row);
	if (e == APP_OK && row)
		*version = (int)stmt_col_int64(st, 0);
	stmt_done(st);
	return e;
}

enum app_err store_version(struct store *s, int *version)
{
	struct conn *c = store_conn(s);
	enum app_err e;

	*version = 0;
	if (!c)
		return APP_EDB;
	e = conn_exec_literal(c, SCHEMA_VERSION_TABLE);
	if (e != APP_OK)
		return e;
	return read_version(c, version);
}

enum app_err store_migrate(struct store *s, int *applied)
{
	struct conn *c = store_conn(s);
	enum app_err e;

	if (applied)
		*applied = 0;
	if (!c)
		return APP_EDB;
	e = conn_exec_literal(c, SCHEMA_VERSION_TABLE);
	if (e != APP_OK)
		return e;
	{
		/* A database migrated by a newer giamsat: do not run against it. */
		int have = 0, known = store_migrations[store_migrations_n - 1].version;
		if ((e = read_version(c, &have)) != APP_OK)
			return e;
		if (have > known) {
			log_error("migrate", "error=\"database schema %d is newer than this binary's %d\"", have,
				  known);
			return APP_ECONFLICT;
		}
	}
	for (size_t i = 0; i < store_migrations_n; i++) {
		const struct migration *m = &store_migrations[i];
		int have;
		struct stmt *st;

		if ((e = conn_begin(c)) != APP_OK)
			return e;
		/* Serialise concurrent migrators (SQLite: BEGIN IMMEDIATE does it). */
		if (s->engine == STORE_POSTGRES &&
		    (e = conn_exec_literal(c, "SELECT pg_advisory_xact_lock(4242001)")) != APP_OK)
			goto fail;
		if ((e = read_version(c, &have)) != APP_OK)
			goto fail;
		if (have >= m->version) {
			conn_rollback(c);
			continue;
		}
		e = conn_exec_literal(c, s->engine == STORE_SQLITE ? m->sqlite : m->pg);
		if (e != APP_OK)
			goto fail;
		st = conn_stmt(c, &Q_RECORD);
		stmt_bind_int64(st, 1, m->version);
		stmt_bind_text(st, 2, m->what);
		stmt_bind_int64(st, 3, time_now());
		if ((e = stmt_exec(st, NULL)) != APP_OK)
			goto fail;
		if ((e = conn_commit(c)) != APP_OK)
			return e;
		log_info("migrate", "version=%d what=\"%s\"", m->version, m->what);
		if (applied)
			(*applied)++;
		continue;
fail:
		conn_rollback(c);
		return e;
	}
	return APP_OK;
}

enum app_err store_analyze(struct store *s)
{
	struct conn *c = store_conn(s);

	if (!c)
		return APP_EDB;
	if (c->depth > 0)
		return APP_ECONFLICT;
	return conn_exec_literal(c, "ANALYZE");
}
