/* trj-workbook-schema.c — the workbook's SQL schema and its forward migrations
 *
 * A file at user_version N is brought to the current version by running
 * migrations[N], migrations[N+1], … in one transaction. A new workbook runs them
 * all from 0, so every migration runs on every new file, and tests build files
 * of each earlier version by stopping early.
 *
 * Rules for the tables that hold the document (trj_workbook_document_tables):
 * every one has an explicit PRIMARY KEY (the undo journal is a SQLite session
 * changeset, which needs one), and there are no foreign-key actions: the store
 * deletes children itself, so that every change is recorded in the step.
 *
 * The undo journal holds changesets recorded under older schemas. SQLite
 * applies them to a table that has since gained columns (ALTER TABLE ADD
 * COLUMN, the new columns keep their defaults): the v1 fixture test undoes a
 * version-1 step after the migration. A migration that drops, renames or
 * retypes a column of a document table must rewrite the journal too.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "trj-workbook-private.h"

const char *const trj_workbook_document_tables[] = {
  "scenario", "envelope", "line", "line_month", "reference_override", "actual",
  "allocation", "caom", "reprogramming", "realised_line", NULL
};

/* Version 1 (Trajectoire 0.1 development files): contract lines only. */
static const char migration_1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  /* Fungibility and demandes complémentaires belong to a scenario (MODEL 2.6). */
  "CREATE TABLE scenario ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL,"
  "  has_fungibility INTEGER NOT NULL DEFAULT 0,"
  "  cie_jeunes_to_pec_ae REAL NOT NULL DEFAULT 0,"
  "  cie_jeunes_to_pec_cp REAL,"                 /* NULL: T · cp/ae of CIE jeunes */
  "  initiatives_territoriales_ae REAL NOT NULL DEFAULT 0,"
  "  demandes_complementaires REAL NOT NULL DEFAULT 0);"
  "CREATE TABLE envelope ("
  "  scenario INTEGER NOT NULL,"
  "  id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  ae_notified REAL NOT NULL DEFAULT 0,"
  "  cp_notified REAL NOT NULL DEFAULT 0,"
  "  volume_notified REAL NOT NULL DEFAULT 0,"
  "  cp_includes_stock INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (scenario, id)) WITHOUT ROWID;"
  /* `key` is the line's id as the user and JSON see it; `id` the row's. */
  "CREATE TABLE line ("
  "  id INTEGER PRIMARY KEY,"
  "  scenario INTEGER NOT NULL,"
  "  envelope TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  label TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL,"
  "  departement TEXT,"
  "  prescriber TEXT,"
  "  rate REAL NOT NULL DEFAULT 0,"
  "  weekly_hours REAL NOT NULL DEFAULT 0,"
  "  duration_months REAL NOT NULL DEFAULT 0,"
  "  cofinanced_share REAL NOT NULL DEFAULT 0,"
  "  payment_lag_months INTEGER NOT NULL DEFAULT 1,"
  "  entries_mode INTEGER NOT NULL DEFAULT 0,"
  "  volume REAL NOT NULL DEFAULT 0,"
  "  has_profile INTEGER NOT NULL DEFAULT 0,"
  "  has_previous_entries INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (scenario, key));"
  "CREATE INDEX line_by_envelope ON line (scenario, envelope, position);"
  /* One row per (line, array, month); a missing row is the array's default
   * (1 for profiles, 0 otherwise). `series` is a TrjLineMonths value. */
  "CREATE TABLE line_month ("
  "  line INTEGER NOT NULL,"
  "  series INTEGER NOT NULL,"
  "  month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 11),"
  "  value REAL NOT NULL,"
  "  PRIMARY KEY (line, series, month)) WITHOUT ROWID;"
  /* The persistent journal: `changeset` is the SQLite session changeset of the
   * step; undone steps form the redo stack until the next edit drops them. */
  "CREATE TABLE undo_step ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  scenario INTEGER NOT NULL DEFAULT 0,"
  "  changes INTEGER NOT NULL DEFAULT 0,"
  "  line_key TEXT,"
  "  undone INTEGER NOT NULL DEFAULT 0,"
  "  changeset BLOB NOT NULL);";

/* Version 2: post-aid and free lines (MODEL 3), reference-value overrides,
 * an index on the undo journal. */
static const char migration_2[] =
  "ALTER TABLE line ADD COLUMN quantity REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN unit_amount REAL;"   /* NULL: the year's table */
  "ALTER TABLE line ADD COLUMN modulation REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN second_year_quantity REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN rsa_recipients REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN rsa_months REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN commitment_month INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN has_payment_profile INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN ae_amount REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE envelope ADD COLUMN previous_modulation_cp REAL NOT NULL DEFAULT 0;"
  /* kind: TrjReferenceKind; series points have seq 0.., single values seq 0
   * and a NULL date. */
  "CREATE TABLE reference_override ("
  "  scenario INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  date INTEGER,"
  "  value REAL NOT NULL,"
  "  PRIMARY KEY (scenario, kind, seq)) WITHOUT ROWID;"
  /* The next undo and redo steps are found without scanning a long journal. */
  "CREATE INDEX undo_step_by_state ON undo_step (undone, id);";

/* Version 3: versions sent to the DGEFP (MODEL 9) and the year's actuals (MODEL 8).
 *
 * A sent scenario is frozen by the file itself: the triggers below refuse any
 * change of its rows, whoever runs the SQL (an edit, an undo or redo step
 * recorded before it was sent, a batch). The store checks first to say which
 * scenario and when it was sent; the triggers are what makes it hold. Only the
 * scenario's position in the list may change (moving another scenario shifts
 * it). A column added to `scenario` later joins the UPDATE OF list.
 *
 * sent_version is not a document table: sending is not an undo step, a
 * version sent stays sent. `actual` is one (importing actuals is one step);
 * its rows belong to the workbook's year, not to a scenario, keyed by the line
 * id they were matched to. NULL: not reported. */
#define FROZEN(scenario) \
  " WHEN EXISTS (SELECT 1 FROM sent_version WHERE scenario = " scenario ")" \
  " BEGIN SELECT RAISE(ABORT, '" TRJ_WORKBOOK_FROZEN_MARK "'); END;"
static const char migration_3[] =
  "CREATE TABLE sent_version ("
  "  id INTEGER PRIMARY KEY,"
  "  scenario INTEGER NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"          /* programmation | reprogrammation | remontee */
  "  date TEXT NOT NULL,"          /* YYYY-MM-DD, the day it was sent */
  "  comment TEXT NOT NULL DEFAULT '',"
  "  recorded TEXT NOT NULL);"     /* ISO 8601 UTC, when it was marked */
  "CREATE TRIGGER scenario_frozen_update BEFORE UPDATE OF id, name, has_fungibility, "
  "  cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, initiatives_territoriales_ae, "
  "  demandes_complementaires ON scenario" FROZEN ("OLD.id")
  "CREATE TRIGGER scenario_frozen_delete BEFORE DELETE ON scenario" FROZEN ("OLD.id")
  "CREATE TRIGGER envelope_frozen_insert BEFORE INSERT ON envelope" FROZEN ("NEW.scenario")
  "CREATE TRIGGER envelope_frozen_update BEFORE UPDATE ON envelope" FROZEN ("OLD.scenario")
  "CREATE TRIGGER envelope_frozen_delete BEFORE DELETE ON envelope" FROZEN ("OLD.scenario")
  "CREATE TRIGGER line_frozen_insert BEFORE INSERT ON line" FROZEN ("NEW.scenario")
  "CREATE TRIGGER line_frozen_update BEFORE UPDATE ON line" FROZEN ("OLD.scenario")
  "CREATE TRIGGER line_frozen_delete BEFORE DELETE ON line" FROZEN ("OLD.scenario")
  "CREATE TRIGGER line_month_frozen_insert BEFORE INSERT ON line_month"
  FROZEN ("(SELECT scenario FROM line WHERE id = NEW.line)")
  "CREATE TRIGGER line_month_frozen_update BEFORE UPDATE ON line_month"
  FROZEN ("(SELECT scenario FROM line WHERE id = OLD.line)")
  "CREATE TRIGGER line_month_frozen_delete BEFORE DELETE ON line_month"
  FROZEN ("(SELECT scenario FROM line WHERE id = OLD.line)")
  "CREATE TRIGGER reference_frozen_insert BEFORE INSERT ON reference_override" FROZEN ("NEW.scenario")
  "CREATE TRIGGER reference_frozen_update BEFORE UPDATE ON reference_override" FROZEN ("OLD.scenario")
  "CREATE TRIGGER reference_frozen_delete BEFORE DELETE ON reference_override" FROZEN ("OLD.scenario")
  "CREATE TABLE actual ("
  "  line TEXT NOT NULL,"
  "  month INTEGER NOT NULL CHECK (month BETWEEN 0 AND 11),"
  "  envelope TEXT NOT NULL,"
  "  entries REAL,"
  "  rate REAL,"
  "  weekly_hours REAL,"
  "  duration_months REAL,"
  "  cofinanced_share REAL,"
  "  etp REAL,"
  "  ae REAL,"
  "  cp REAL,"
  "  PRIMARY KEY (line, month)) WITHOUT ROWID;";

/* Version 4: the FIE keys of MODEL 2.6 and 3 (issue 14). A line's month of
 * the modulated part (April of Y+1), its structure in prison, the kind of a
 * CDI inclusion's structure (the catalogue's default, ACI, for the lines of
 * older files) and the envelope whose margins fund a free line (NULL: its
 * own); an envelope's demande complémentaire; the envelope initiatives
 * territoriales come from (NULL: the catalogue's). The scenario's new column
 * joins the frozen trigger's list. */
static const char migration_4[] =
  "ALTER TABLE line ADD COLUMN modulation_month INTEGER NOT NULL DEFAULT 3;"
  "ALTER TABLE line ADD COLUMN prison INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN structure_kind TEXT NOT NULL DEFAULT 'ACI';"
  "ALTER TABLE line ADD COLUMN funded_from TEXT;"
  "ALTER TABLE envelope ADD COLUMN demande_ae REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE envelope ADD COLUMN demande_cp REAL NOT NULL DEFAULT 0;"
  "ALTER TABLE envelope ADD COLUMN demande_reason TEXT;"
  "ALTER TABLE scenario ADD COLUMN initiatives_territoriales_source TEXT;"
  "DROP TRIGGER scenario_frozen_update;"
  "CREATE TRIGGER scenario_frozen_update BEFORE UPDATE OF id, name, has_fungibility, "
  "  cie_jeunes_to_pec_ae, cie_jeunes_to_pec_cp, initiatives_territoriales_ae, "
  "  demandes_complementaires, initiatives_territoriales_source ON scenario" FROZEN ("OLD.id");
#undef FROZEN

/* Version 5: the region's register of IAE structures (MODEL 3.1) on their
 * lines — name, SIRET, last year's ETP conventionnés and réalisés (NULL: not
 * given), the flags of the conventionnement rule — and their realised ETP of
 * each month (MODEL 3.2), a line_month series (TRJ_LINE_MONTHS_REALISED_ETP)
 * whose missing rows are months without data. */
static const char migration_5[] =
  "ALTER TABLE line ADD COLUMN structure_name TEXT;"
  "ALTER TABLE line ADD COLUMN siret TEXT;"
  "ALTER TABLE line ADD COLUMN conventionne_previous REAL;"
  "ALTER TABLE line ADD COLUMN realise_previous REAL;"
  "ALTER TABLE line ADD COLUMN decrease_requested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN revaluation_requested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE line ADD COLUMN development INTEGER NOT NULL DEFAULT 0;";

/* Version 6: the planner's note on a line (issue 13; NULL: none). */
static const char migration_6[] =
  "ALTER TABLE line ADD COLUMN note TEXT;";
/* Version 7: issue 16's scenario-level rules. `allocation`: the DDETS' share
 * of an envelope, the AE and volume given to a département ('' prescriber:
 * the whole département) — `caom`: the conseil départemental's commitment,
 * its cofinanced contracts and monthly profile (12 weights separated by ';',
 * NULL: uniform); both document tables, frozen with their scenario.
 * `ddets_share` (the regional workbook) records each département's file
 * prepared: its token and the lines as they were (`base`, a
 * trajectoire-scenario/1 document) that a return is merged against;
 * `ddets_part` (the DDETS' workbook) says which département and preparation
 * the file is. Neither is a document table: preparing a file is not an
 * edit, and a file once prepared stays so. */
#define FROZEN(scenario) \
  " WHEN EXISTS (SELECT 1 FROM sent_version WHERE scenario = " scenario ")" \
  " BEGIN SELECT RAISE(ABORT, '" TRJ_WORKBOOK_FROZEN_MARK "'); END;"
static const char migration_7[] =
  "CREATE TABLE allocation ("
  "  scenario INTEGER NOT NULL,"
  "  envelope TEXT NOT NULL,"
  "  departement TEXT NOT NULL,"
  "  prescriber TEXT NOT NULL DEFAULT '',"
  "  seq INTEGER NOT NULL DEFAULT 0,"
  "  ae REAL NOT NULL DEFAULT 0,"
  "  volume REAL NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (scenario, envelope, departement, prescriber)) WITHOUT ROWID;"
  "CREATE TABLE caom ("
  "  scenario INTEGER NOT NULL,"
  "  envelope TEXT NOT NULL,"
  "  departement TEXT NOT NULL,"
  "  seq INTEGER NOT NULL DEFAULT 0,"
  "  contracts REAL NOT NULL DEFAULT 0,"
  "  profile TEXT,"
  "  PRIMARY KEY (scenario, envelope, departement)) WITHOUT ROWID;"
  "CREATE TABLE ddets_share ("
  "  scenario INTEGER NOT NULL,"
  "  departement TEXT NOT NULL,"
  "  token TEXT NOT NULL,"
  "  prepared TEXT NOT NULL,"
  "  base TEXT NOT NULL,"
  "  PRIMARY KEY (scenario, departement)) WITHOUT ROWID;"
  "CREATE TABLE ddets_part ("
  "  departement TEXT PRIMARY KEY,"
  "  token TEXT NOT NULL,"
  "  region_scenario TEXT NOT NULL,"
  "  prepared TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TRIGGER allocation_frozen_insert BEFORE INSERT ON allocation" FROZEN ("NEW.scenario")
  "CREATE TRIGGER allocation_frozen_update BEFORE UPDATE ON allocation" FROZEN ("OLD.scenario")
  "CREATE TRIGGER allocation_frozen_delete BEFORE DELETE ON allocation" FROZEN ("OLD.scenario")
  "CREATE TRIGGER caom_frozen_insert BEFORE INSERT ON caom" FROZEN ("NEW.scenario")
  "CREATE TRIGGER caom_frozen_update BEFORE UPDATE ON caom" FROZEN ("OLD.scenario")
  "CREATE TRIGGER caom_frozen_delete BEFORE DELETE ON caom" FROZEN ("OLD.scenario");
#undef FROZEN

/* Version 8: « Reprogrammer » (MODEL 8). A reprogramming scenario names the
 * month T of its actuals (`reprogramming`) and its realised lines
 * (`realised_line`); the triggers refuse any change of a realised line (but
 * its position and its unlocking) and of its months, and of the entries of
 * months 1…T (month < through, series 0) of the scenario's other lines. The
 * two tables come last among the document tables, so that an undo step's
 * changeset inserts them after the lines and months it locks (the redo of
 * « Reprogrammer ») and deletes them after (its undo), when the line rows
 * they join are gone already. */
#define REALISED(row) \
  " WHEN EXISTS (SELECT 1 FROM realised_line r JOIN line l ON l.id = r.line WHERE r.line = " row ".line)" \
  "   OR (" row ".series = 0 AND " row ".month < (SELECT p.through FROM reprogramming p" \
  "       JOIN line l ON l.scenario = p.scenario WHERE l.id = " row ".line))" \
  " BEGIN SELECT RAISE(ABORT, '" TRJ_WORKBOOK_REALISED_MARK "'); END;"
static const char migration_8[] =
  "CREATE TABLE reprogramming ("
  "  scenario INTEGER PRIMARY KEY,"
  "  through INTEGER NOT NULL CHECK (through BETWEEN 1 AND 12));"
  "CREATE TABLE realised_line ("
  "  line INTEGER PRIMARY KEY);"
  "CREATE TRIGGER line_month_realised_insert BEFORE INSERT ON line_month" REALISED ("NEW")
  "CREATE TRIGGER line_month_realised_update BEFORE UPDATE ON line_month" REALISED ("OLD")
  "CREATE TRIGGER line_month_realised_delete BEFORE DELETE ON line_month" REALISED ("OLD")
  "CREATE TRIGGER line_realised_update BEFORE UPDATE ON line"
  " WHEN EXISTS (SELECT 1 FROM realised_line WHERE line = OLD.id) AND NEW.position = OLD.position"
  " BEGIN SELECT RAISE(ABORT, '" TRJ_WORKBOOK_REALISED_MARK "'); END;";
#undef REALISED

/* Version 9: the rules of the circular on contract lines (MODEL 2.8): each
 * public's share of the entries and the share of renewals (NULL: not given),
 * the justification of an exceptional request (NULL: none). */
static const char migration_9[] =
  "ALTER TABLE line ADD COLUMN public_qpv REAL;"
  "ALTER TABLE line ADD COLUMN public_zrr REAL;"
  "ALTER TABLE line ADD COLUMN public_essms REAL;"
  "ALTER TABLE line ADD COLUMN public_seniors REAL;"
  "ALTER TABLE line ADD COLUMN renewal_share REAL;"
  "ALTER TABLE line ADD COLUMN exception_reason TEXT;";

static const char *const migrations[TRJ_WORKBOOK_SCHEMA_VERSION] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
};

gboolean
trj_workbook_schema_migrate (sqlite3 *db, int from, int to, GError **error)
{
  g_return_val_if_fail (from >= 0 && to <= TRJ_WORKBOOK_SCHEMA_VERSION, FALSE);

  for (int v = from; v < to; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!trj_workbook_exec (db, migrations[v], error) ||
          !trj_workbook_exec (db, set_version, error))
        {
          g_prefix_error (error, _("Cannot upgrade the workbook to version %d: "), v + 1);
          return FALSE;
        }
    }
  return TRUE;
}
