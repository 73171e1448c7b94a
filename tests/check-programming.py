#!/usr/bin/python3
"""Independent check of Trajectoire's programming file (xlsx) and CSV exports.

Reads the files with openpyxl and Python's csv module (not with Trajectoire's
code) and compares every number with the engine's result document
(trajectoire-result/1) and the scenario document (trajectoire-scenario/1).

  check-programming.py --scenario S.json --result R.json [--xlsx F.xlsx]
                       [--csv-lines L.csv] [--csv-trajectory T.csv]
                       [--csv-post-aid P.csv]
  check-programming.py --consolidation N.xlsx --expect-regions 19

Exit status 0 when everything matches; otherwise every mismatch is printed.
Run with /usr/bin/python3 (Debian's python3-openpyxl).
"""
import argparse
import csv
import io
import json
import math
import re
import sys

import openpyxl

errors = []


def fail(where, message):
    errors.append(f"{where}: {message}")


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def expect(where, got, want):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        if got not in (None, ""):
            fail(where, f"expected an empty cell, got {got!r}")
        return
    if not isinstance(got, (int, float)) or isinstance(got, bool):
        fail(where, f"expected the number {want!r}, got {got!r}")
    elif not close(float(got), float(want)):
        fail(where, f"expected {want!r}, got {got!r}")


def expect_formula(where, cell, prefix="="):
    if not (isinstance(cell.value, str) and cell.value.startswith(prefix)):
        fail(where, f"expected a formula starting with {prefix!r}, got {cell.value!r}")


def line_entries(line):
    """Monthly entries of a contract line as the model defines them."""
    if "entries" in line:
        return [float(x) for x in line["entries"]]
    profile = line.get("profile", [1.0] * 12)
    total = sum(profile)
    return [line["volume"] * w / total for w in profile]


CONTRACT_KINDS = ("PEC", "CIE_JEUNES", "CIE_TP")


def weighted(lines, key, default=0.0):
    volume = sum(sum(line_entries(l)) for l in lines)
    if volume == 0:
        return float("nan")
    return sum(l.get(key, default) * sum(line_entries(l)) for l in lines) / volume


def check_xlsx(path, scenario, result):
    values = openpyxl.load_workbook(path, data_only=True)   # cached values
    formulas = openpyxl.load_workbook(path)                 # formulas
    names = values.sheetnames
    if len(names) != 9:
        fail(path, f"expected 9 sheets, got {names}")
        return
    (summary, trajectory, lines_ws, entries_ws, alerts_ws, params_ws, caom_ws, exceptions_ws,
     data_ws) = values.worksheets
    if data_ws.title != "Données" or data_ws.sheet_state != "hidden":
        fail(path, f"the last sheet must be the hidden « Données », got {data_ws.title} {data_ws.sheet_state}")
    for ws in values.worksheets[:8]:
        if ws.sheet_state != "visible":
            fail(ws.title, "should be visible")
        if ws.page_setup.orientation != "landscape":
            fail(ws.title, "print orientation is not landscape")
        if ws.page_setup.fitToWidth not in (1, None) or not ws.sheet_properties.pageSetUpPr.fitToPage:
            fail(ws.title, "not fitted to the page width")
    if trajectory.freeze_panes != "B3":
        fail(trajectory.title, f"frozen panes {trajectory.freeze_panes}, expected B3")
    if lines_ws.freeze_panes != "D2":
        fail(lines_ws.title, f"frozen panes {lines_ws.freeze_panes}, expected D2")
    props = values.properties
    if props.creator != "Trajectoire" or scenario["region"] not in (props.title or ""):
        fail(path, f"document properties: creator {props.creator!r}, title {props.title!r}")

    envelopes = scenario["envelopes"]
    n_env = len(envelopes)
    res_env = result["envelopes"]
    res_lines = result["lines"]

    # Synthèse: identity block, then the table from row 11, one column per envelope.
    if summary["B3"].value != scenario["region"]:
        fail("Synthèse!B3", f"region {summary['B3'].value!r}")
    expect("Synthèse!B4", summary["B4"].value, scenario["year"])
    first = 11
    total_col = 2 + n_env
    summed_rows = []
    for e, env in enumerate(envelopes):
        r = res_env[env["id"]]
        col = 2 + e
        contract = [l for l in env["lines"] if l["kind"] in CONTRACT_KINDS]
        counted_cp = r["cp_total"] - (0 if env.get("cp_notified_includes_stock") else r["cp_stock"])
        # MODEL 3: the AE per contract is over the contract lines only.
        contract_ae = sum(res_lines[l["id"]]["ae_total"] for l in contract)
        contract_volume = sum(res_lines[l["id"]]["volume"] for l in contract)
        rows = [
            env["ae_notified"], env["cp_notified"], env.get("volume_notified", 0),
            r["ae_available"], r["cp_available"],
            r["ae_total"], r["cp_total"], r["cp_stock"], r["cp_after_year"], r["volume"],
            r["ae_margin"], r["cp_margin"],
            r["ae_total"] / r["ae_available"] if r["ae_available"] else None,
            counted_cp / r["cp_available"] if r["cp_available"] else None,
            contract_ae / contract_volume if contract_volume else None,
            r["capacity"],
            weighted(contract, "rate"), weighted(contract, "weekly_hours"),
            weighted(contract, "duration_months"), weighted(contract, "cofinanced_share"),
            # Informations (MODEL 5) are listed, not counted as alerts.
            sum(1 for a in r["alerts"] if a["severity"] == "alert"),
        ]
        for i, want in enumerate(rows):
            cell = summary.cell(row=first + i, column=col)
            expect(f"Synthèse!{cell.coordinate}", cell.value, want)
        for i in (10, 11, 12, 13):   # margins and consumptions are formulas
            if rows[i] is not None:
                expect_formula(f"Synthèse formula {i}", formulas.worksheets[0].cell(row=first + i, column=col))
        summed_rows.append(rows)
    # Total column: SUM formulas whose cached value is the sum of the envelopes.
    for i in (0, 1, 3, 4, 5, 6, 7, 8, 10, 11, 20):
        cell = formulas.worksheets[0].cell(row=first + i, column=total_col)
        expect_formula(f"Synthèse total {cell.coordinate}", cell, "=SUM(")
        want = sum(rows[i] for rows in summed_rows if rows[i] is not None)
        expect(f"Synthèse total {cell.coordinate}", summary.cell(row=first + i, column=total_col).value, want)
    # Volumes and capacity add up the contrats aidés envelopes only (others count ETP).
    contract = [all(l["kind"] in CONTRACT_KINDS for l in env["lines"]) for env in envelopes]
    for i in (2, 9, 15):
        cell = formulas.worksheets[0].cell(row=first + i, column=total_col)
        parts = [rows[i] for rows, c in zip(summed_rows, contract)
                 if c and rows[i] is not None and not math.isnan(rows[i])]
        if not parts:   # no capacity without volume: no total either
            expect(f"Synthèse total {cell.coordinate}", cell.value, None)
            continue
        expect_formula(f"Synthèse total {cell.coordinate}", cell, "=")
        expect(f"Synthèse total {cell.coordinate}", summary.cell(row=first + i, column=total_col).value, sum(parts))
    fungibility = scenario.get("fungibility", {})
    base = first + 21 + 2
    expect("Synthèse fungibility AE", summary.cell(row=base, column=2).value,
           fungibility.get("cie_jeunes_to_pec_ae", 0))
    expect("Synthèse initiatives", summary.cell(row=base + 2, column=2).value,
           fungibility.get("initiatives_territoriales_ae", 0))
    expect("Synthèse demandes complémentaires", summary.cell(row=base + 4, column=2).value,
           fungibility.get("demandes_complementaires", 0))
    # MODEL 2.6: the envelope initiatives territoriales come out of, by the
    # title heading its column, then each envelope's demande complémentaire.
    source = fungibility.get("initiatives_territoriales_source", "PEC_CIE_TP")
    heading = summary.cell(row=first - 1, column=2 + [env["id"] for env in envelopes].index(source)).value
    taken = summary.cell(row=base + 6, column=2).value
    if summary.cell(row=base + 6, column=1).value != "Initiatives territoriales prises sur" \
            or not taken or not heading or not heading.startswith(taken):
        fail(f"Synthèse!B{base + 6}", f"initiatives taken from {taken!r}, the column of {source} is {heading!r}")
    row = base + 9
    for e, env in enumerate(envelopes):
        asked = env.get("demandes_complementaires")
        if not asked:
            continue
        title = summary.cell(row=first - 1, column=2 + e).value
        if not title or not title.startswith(summary.cell(row=row, column=1).value or "\0"):
            fail(f"Synthèse!A{row}", f"demande of {env['id']}: {summary.cell(row=row, column=1).value!r}")
        expect(f"Synthèse!B{row}", summary.cell(row=row, column=2).value, asked.get("ae", 0))
        expect(f"Synthèse!C{row}", summary.cell(row=row, column=3).value, asked.get("cp", 0))
        if (summary.cell(row=row, column=4).value or "") != asked.get("reason", ""):
            fail(f"Synthèse!D{row}", f"reason {summary.cell(row=row, column=4).value!r}")
        row += 1

    # Trajectoire: rows 3..14 months, row 15 totals; 4 columns per envelope, then the region.
    region_monthly = {"ae": [0.0] * 12, "cp": [0.0] * 12}
    for e, env in enumerate(envelopes):
        r = res_env[env["id"]]
        col = 2 + 4 * e
        for k, key in enumerate(("ae", "cp")):
            running = 0.0
            for m in range(12):
                running += r[key][m]
                region_monthly[key][m] += r[key][m]
                expect(f"Trajectoire {key} {env['id']} m{m + 1}",
                       trajectory.cell(row=3 + m, column=col + 2 * k).value, r[key][m])
                expect(f"Trajectoire {key} cumul {env['id']} m{m + 1}",
                       trajectory.cell(row=3 + m, column=col + 2 * k + 1).value, running)
                if m > 0:
                    expect_formula(f"Trajectoire cumulative formula {env['id']}",
                                   formulas.worksheets[1].cell(row=3 + m, column=col + 2 * k + 1))
            expect(f"Trajectoire total {key} {env['id']}",
                   trajectory.cell(row=15, column=col + 2 * k).value, r[key + "_total"])
            expect_formula("Trajectoire total formula",
                           formulas.worksheets[1].cell(row=15, column=col + 2 * k), "=SUM(")
    col = 2 + 4 * n_env
    for k, key in enumerate(("ae", "cp")):
        for m in range(12):
            expect(f"Trajectoire region {key} m{m + 1}",
                   trajectory.cell(row=3 + m, column=col + 2 * k).value, region_monthly[key][m])
        expect(f"Trajectoire region {key} total", trajectory.cell(row=15, column=col + 2 * k).value,
               result["region"][key + "_total"])

    # Lignes: one row per line in scenario order; totals row with SUM formulas.
    row = 2
    sums = {"volume": 0.0, "ae_total": 0.0, "cp_total": 0.0, "cp_stock": 0.0, "cp_after_year": 0.0}
    for env in envelopes:
        for line in env["lines"]:
            lr = result["lines"][line["id"]]
            if lines_ws.cell(row=row, column=2).value != line["id"]:
                fail(f"Lignes!B{row}", f"expected line {line['id']}, got {lines_ws.cell(row=row, column=2).value!r}")
            if line["kind"] in CONTRACT_KINDS:
                expect(f"Lignes rate {line['id']}", lines_ws.cell(row=row, column=7).value, line["rate"])
                expect(f"Lignes hours {line['id']}", lines_ws.cell(row=row, column=8).value, line["weekly_hours"])
                expect(f"Lignes duration {line['id']}", lines_ws.cell(row=row, column=9).value, line["duration_months"])
                expect(f"Lignes cofinanced {line['id']}", lines_ws.cell(row=row, column=10).value,
                       line.get("cofinanced_share", 0))
                expect(f"Lignes volume {line['id']}", lines_ws.cell(row=row, column=16).value, lr["volume"])
                expect(f"Lignes AE/contract {line['id']}", lines_ws.cell(row=row, column=17).value,
                       lr["ae_per_contract"])
                sums["volume"] += lr["volume"]
            # MODEL 3.1: the structure of an IAE line, and a free line's lender, after
            # « Montant unitaire à vérifier » (column 22).
            structure = line.get("structure")
            if structure is not None:
                if lines_ws.cell(row=row, column=23).value != structure["name"]:
                    fail(f"Lignes!W{row}", f"structure {lines_ws.cell(row=row, column=23).value!r}")
                if lines_ws.cell(row=row, column=24).value != structure.get("siret"):
                    fail(f"Lignes!X{row}", f"SIRET {lines_ws.cell(row=row, column=24).value!r}")
            if "conventionne_previous" in line:
                expect(f"Lignes conventionné {line['id']}", lines_ws.cell(row=row, column=27).value,
                       line["conventionne_previous"])
            if line["kind"] == "CDI_INCLUSION":
                expect(f"Lignes 2e année {line['id']}", lines_ws.cell(row=row, column=29).value,
                       line.get("second_year_quantity", 0))
            if line["kind"] == "FREE" and line.get("funded_from"):
                if not lines_ws.cell(row=row, column=32).value:
                    fail(f"Lignes!AF{row}", "a free line funded from another envelope does not name it")
            # The planner's note, the last column (AG).
            if lines_ws.cell(row=1, column=33).value != "Note":
                fail("Lignes!AG1", f"header {lines_ws.cell(row=1, column=33).value!r}, expected 'Note'")
            if lines_ws.cell(row=row, column=33).value != line.get("note"):
                fail(f"Lignes!AG{row}", f"note {lines_ws.cell(row=row, column=33).value!r}, expected {line.get('note')!r}")
            for key, col in (("ae_total", 18), ("cp_total", 19), ("cp_stock", 20), ("cp_after_year", 21)):
                expect(f"Lignes {key} {line['id']}", lines_ws.cell(row=row, column=col).value, lr[key])
                sums[key] += lr[key]
            row += 1
    for key, col in (("volume", 16), ("ae_total", 18), ("cp_total", 19), ("cp_stock", 20), ("cp_after_year", 21)):
        expect(f"Lignes total {key}", lines_ws.cell(row=row, column=col).value, sums[key])
        if row > 2:   # without lines the total is a plain 0 (a SUM would be circular)
            expect_formula(f"Lignes total {key}", formulas.worksheets[2].cell(row=row, column=col), "=SUM(")

    # Entrées mensuelles: contract lines, 12 months from column D, total in P.
    row = 2
    month_sums = [0.0] * 12
    for env in envelopes:
        for line in env["lines"]:
            if line["kind"] not in CONTRACT_KINDS:
                continue
            entries = line_entries(line)
            for m in range(12):
                expect(f"Entrées {line['id']} m{m + 1}", entries_ws.cell(row=row, column=4 + m).value, entries[m])
                month_sums[m] += entries[m]
            expect(f"Entrées total {line['id']}", entries_ws.cell(row=row, column=16).value, sum(entries))
            row += 1
    for m in range(12):
        expect(f"Entrées month total m{m + 1}", entries_ws.cell(row=row, column=4 + m).value, month_sums[m])

    # Alertes: the envelope alerts of the result, with the same French messages;
    # their codes (for tools) in the hidden column E.
    want_alerts = sorted((a["code"], a["message"]) for env in envelopes for a in res_env[env["id"]]["alerts"])
    got_alerts = sorted((alerts_ws.cell(row=r, column=5).value, alerts_ws.cell(row=r, column=3).value)
                        for r in range(2, alerts_ws.max_row + 1)
                        if alerts_ws.cell(row=r, column=5).value and alerts_ws.cell(row=r, column=3).value
                        and alerts_ws.cell(row=r, column=1).value)
    if not alerts_ws.column_dimensions["E"].hidden:
        fail("Alertes", "the column of the codes (E) is not hidden")
    envelope_alerts = [a for a in got_alerts if a in want_alerts]
    if envelope_alerts != want_alerts:
        fail("Alertes", f"expected {want_alerts}, got {got_alerts}")

    # Issue 13, defect 10: the visible cells speak in titles. No code of the
    # scenario (an envelope, a kind, an alert: PEC_CIE_TP, CIE_JEUNES or
    # « CIE JEUNES », COFINANCING_BELOW_TARGET), nor a word shaped like one, in
    # a visible column of a visible sheet; codes stay in « Données » and in
    # the hidden column of « Alertes ».
    codes = {env["id"] for env in envelopes}
    codes |= {line["kind"] for env in envelopes for line in env["lines"]}
    codes |= {a["code"] for env in envelopes for a in res_env[env["id"]]["alerts"]}
    codes |= {a["code"] for a in result.get("alerts", [])}
    codes = {c for c in codes if "_" in c}   # « PEC », « ACI »: the code is the title
    code_shape = re.compile(r"\b[A-Z0-9]+(_[A-Z0-9]+)+\b")
    for ws in values.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row_cells in ws.iter_rows():
            for cell in row_cells:
                if not isinstance(cell.value, str):
                    continue
                if ws.column_dimensions[cell.column_letter].hidden:
                    continue
                shown = cell.value
                for code in codes:
                    if code in shown or code.replace("_", " ") in shown:
                        fail(f"{ws.title}!{cell.coordinate}", f"shows the code {code}: {shown!r}")
                if code_shape.search(shown):
                    fail(f"{ws.title}!{cell.coordinate}", f"shows a code-shaped word: {shown!r}")

    check_caom(caom_ws, formulas.worksheets[6], scenario, result)
    check_exceptions(exceptions_ws, scenario, result)

    # Paramètres: the SMIC and RSA series used.
    numbers = [c for row_cells in params_ws.iter_rows(values_only=True) for c in row_cells
               if isinstance(c, (int, float))]
    for want in (11.65, 11.88, 635.71, 0.88):
        if not any(close(float(n), want) for n in numbers):
            fail("Paramètres", f"{want} is missing")

    # Number formats: euros without decimals, percentages with one decimal.
    money = summary.cell(row=first, column=2).number_format
    if "€" not in money or "." in money.split(";")[0]:
        fail("Synthèse format", f"money format {money!r}")
    percent = lines_ws.cell(row=2, column=7).number_format
    if lines_ws.cell(row=2, column=7).value is not None and not (percent.startswith("0.0") and percent.endswith("%")):
        fail("Lignes format", f"rate format {percent!r}")


FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")


def check_caom(ws, formulas, scenario, result):
    """« CAOM »: per envelope and département, 4 rows (committed, cofinanced,
    gap and cumulated gap as formulas), months in D..O, totals in P, the month
    of the largest cumulated gap in Q and its value in R: the result's caom_gap."""
    if ws.title != "CAOM":
        fail(ws.title, "the seventh sheet must be « CAOM »")
    row = 2
    any_caom = False
    for env in scenario["envelopes"]:
        gaps = result["envelopes"][env["id"]].get("caom_gap", {})
        if set(gaps) != set(env.get("caom", {})):
            fail("caom_gap", f"{env['id']}: départements {sorted(gaps)}, scenario {sorted(env.get('caom', {}))}")
        for dep in env.get("caom", {}):
            any_caom = True
            g = gaps.get(dep)
            if g is None:
                continue
            where = f"CAOM {env['id']} {dep}"
            if ws.cell(row=row, column=2).value != dep:
                fail(where, f"row {row}: département {ws.cell(row=row, column=2).value!r}")
            for k, key in enumerate(("committed", "cofinanced", "gap", "cumulative_gap")):
                for m in range(12):
                    expect(f"{where} {key}[{m + 1}]", ws.cell(row=row + k, column=4 + m).value, g[key][m])
                    if k >= 2:
                        expect_formula(f"{where} {key}[{m + 1}]", formulas.cell(row=row + k, column=4 + m))
                if k < 3:
                    expect(f"{where} {key} total", ws.cell(row=row + k, column=16).value, g[key + "_total"])
                    expect_formula(f"{where} {key} total", formulas.cell(row=row + k, column=16), "=SUM(")
            month = g["largest_gap_month"]
            got_month = ws.cell(row=row + 3, column=17).value
            if (month is None and got_month) or (month is not None and got_month != FRENCH_MONTHS[month - 1]):
                fail(where, f"largest gap month {got_month!r}, expected {month!r}")
            if month is not None:
                expect(f"{where} largest gap", ws.cell(row=row + 3, column=18).value, g["largest_gap"])
            row += 4
    if not any_caom and "Aucune CAOM" not in str(ws.cell(row=2, column=1).value):
        fail(ws.title, f"without CAOM, A2 should say so: {ws.cell(row=2, column=1).value!r}")


RANGE_CODES = {"RATE_OUT_OF_RANGE": ("Taux de prise en charge", "rate"),
               "HOURS_OUT_OF_RANGE": ("Durée hebdomadaire (h)", "weekly_hours"),
               "DURATION_OUT_OF_RANGE": ("Durée (mois)", "duration_months"),
               "RENEWAL_TOO_LONG": ("Durée d’un renouvellement (mois)", "duration_months")}


def check_exceptions(ws, scenario, result):
    """« Demandes exceptionnelles »: one row per range alert of a justified
    line, one row for a justified line inside its ranges; columns envelope,
    id, label, département, prescriber, parameter, value, min, max,
    justification."""
    if ws.title != "Demandes exceptionnelles":
        fail(ws.title, "the eighth sheet must be « Demandes exceptionnelles »")
    want = []
    for env in scenario["envelopes"]:
        alerts = result["envelopes"][env["id"]]["alerts"]
        for line in env["lines"]:
            reason = line.get("exception_reason")
            if not reason:
                continue
            rows = [(line["id"], line.get("departement"), line.get("prescriber"), RANGE_CODES[a["code"]][0],
                     line[RANGE_CODES[a["code"]][1]], reason)
                    for a in alerts if a["line"] == line["id"] and a["code"] in RANGE_CODES]
            for a in alerts:
                if a["line"] == line["id"] and a["code"] in RANGE_CODES \
                   and not a["message"].startswith("Demande exceptionnelle"):
                    fail("Alertes", f"{line['id']}: a justified range alert reads {a['message']!r}")
            want += rows or [(line["id"], line.get("departement"), line.get("prescriber"), "aucun hors plage",
                              None, reason)]
    got = []
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=2).value is None:
            continue
        got.append(tuple(ws.cell(row=r, column=c).value for c in (2, 4, 5, 6, 7, 10)))
    if len(got) != len(want):
        fail(ws.title, f"expected {len(want)} rows {want}, got {got}")
        return
    for g, w in zip(got, want):
        if g[:4] != w[:4] or g[5] != w[5]:
            fail(ws.title, f"expected {w}, got {g}")
        expect(f"{ws.title} {w[0]} value", g[4], w[4])
    if not want and "Aucune demande" not in str(ws.cell(row=2, column=1).value):
        fail(ws.title, f"without a request, A2 should say so: {ws.cell(row=2, column=1).value!r}")


def read_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(path, "no UTF-8 byte-order mark")
    text = raw[3:].decode("utf-8")
    if text.count("\r\n") != text.count("\n") or not text.endswith("\r\n"):
        fail(path, "lines do not all end with CRLF")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def csv_number(where, text):
    if text == "":
        return None
    if "." in text:
        fail(where, f"{text!r} has a decimal point, not a comma")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        fail(where, f"{text!r} is not a number")
        return None


def check_csv_lines(path, scenario, result):
    rows = read_csv(path)
    header = rows[0]
    if (header[:4] != ["enveloppe", "identifiant", "libellé", "type"] or len(header) != 48
            or header[-7:] != ["part QPV", "part ZRR", "part ESSMS", "part SENIORS", "part renouvellements",
                               "justification", "note"]):
        fail(path, f"header {header}")
        return
    col = {name: i for i, name in enumerate(header)}
    i = 1
    for env in scenario["envelopes"]:
        for line in env["lines"]:
            if line["kind"] not in CONTRACT_KINDS:
                continue   # in FILE-aides-au-poste.csv
            row = rows[i]
            lr = result["lines"][line["id"]]
            if row[0] != env["id"] or row[1] != line["id"]:
                fail(f"{path}:{i + 1}", f"expected {env['id']}/{line['id']}, got {row[:2]}")
            expect(f"{path}:{i + 1} taux", csv_number(path, row[col["taux"]]), line["rate"])
            entries = line_entries(line)
            previous = line.get("previous_entries")
            for m in range(12):
                expect(f"{path}:{i + 1} m{m + 1}", csv_number(path, row[col["janv"] + m]), entries[m])
                expect(f"{path}:{i + 1} N-1 m{m + 1}", csv_number(path, row[col["janv N-1"] + m]),
                       previous[m] if previous else None)
            for key, name in (("volume", "volume"), ("ae_total", "AE"), ("cp_total", "CP"),
                              ("cp_stock", "CP stock"), ("cp_after_year", "reste à payer")):
                expect(f"{path}:{i + 1} {key}", csv_number(path, row[col[name]]), lr[key])
            publics = line.get("publics", {})
            for code in ("QPV", "ZRR", "ESSMS", "SENIORS"):
                expect(f"{path}:{i + 1} part {code}", csv_number(path, row[col["part " + code]]), publics.get(code))
            expect(f"{path}:{i + 1} renewal_share", csv_number(path, row[col["part renouvellements"]]),
                   line.get("renewal_share"))
            if row[col["justification"]] != line.get("exception_reason", ""):
                fail(f"{path}:{i + 1}", f"justification {row[col['justification']]!r}, "
                     f"expected {line.get('exception_reason', '')!r}")
            if row[col["note"]] != line.get("note", ""):
                fail(f"{path}:{i + 1}", f"note {row[col['note']]!r}, expected {line.get('note', '')!r}")
            i += 1
    if len(rows) != i:
        fail(path, f"{len(rows) - i} extra rows")


POST_AID_HEADER = [
    "enveloppe", "identifiant", "libellé", "type", "unité", "département",
    "structure", "SIRET", "structure porteuse", "milieu pénitentiaire",
    "conventionné N-1", "réalisé N-1", "baisse demandée", "revalorisation demandée", "développement",
    "quantité", "montant unitaire", "montant unitaire à vérifier", "part modulée", "mois de la part modulée",
    "ETP 2e année", "bénéficiaires RSA", "mois de cofinancement", "mois d'engagement", "décalage",
    "financé sur", "AE", "AE par unité", "CP", "reste à payer",
] + ["CP " + m for m in ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept",
                         "oct", "nov", "déc")] + ["note"]


def check_csv_post_aid(path, scenario, result):
    """FILE-aides-au-poste.csv: every post-aid and free line, in order, with the
    scenario's inputs and the engine's figures."""
    rows = read_csv(path)
    if rows[0] != POST_AID_HEADER:
        fail(path, f"header {rows[0]}")
        return
    col = {name: i for i, name in enumerate(rows[0])}
    i = 1
    for env in scenario["envelopes"]:
        for line in env["lines"]:
            if line["kind"] in CONTRACT_KINDS:
                continue
            if i >= len(rows):
                fail(path, f"no row for {line['id']}")
                return
            row = rows[i]
            where = f"{path}:{i + 1}"
            lr = result["lines"][line["id"]]
            if row[:4] != [env["id"], line["id"], line.get("label", ""), line["kind"]]:
                fail(where, f"expected {env['id']}/{line['id']}, got {row[:4]}")
            if row[col["unité"]] != lr["unit"]:
                fail(where, f"unit {row[col['unité']]!r}, expected {lr['unit']!r}")
            free = line["kind"] == "FREE"
            expect(f"{where} quantité", csv_number(path, row[col["quantité"]]),
                   None if free else line["quantity"])
            if "unit_amount" in line:
                expect(f"{where} montant unitaire", csv_number(path, row[col["montant unitaire"]]),
                       line["unit_amount"])
            expect(f"{where} mois d'engagement", csv_number(path, row[col["mois d'engagement"]]),
                   line.get("commitment_month", 1))
            if free:
                if row[col["financé sur"]] != line.get("funded_from", ""):
                    fail(where, f"financé sur {row[col['financé sur']]!r}")
                expect(f"{where} AE", csv_number(path, row[col["AE"]]), line["ae_amount"])
            else:
                structure = line.get("structure", {})
                if row[col["structure"]] != structure.get("name", ""):
                    fail(where, f"structure {row[col['structure']]!r}")
                expect(f"{where} AE par unité", csv_number(path, row[col["AE par unité"]]),
                       lr["ae_per_unit"])
            for key, name in (("ae_total", "AE"), ("cp_total", "CP"), ("cp_after_year", "reste à payer")):
                expect(f"{where} {key}", csv_number(path, row[col[name]]), lr[key])
            for m in range(12):
                expect(f"{where} CP m{m + 1}", csv_number(path, row[col["CP janv"] + m]), lr["cp"][m])
            if row[col["note"]] != line.get("note", ""):
                fail(where, f"note {row[col['note']]!r}, expected {line.get('note', '')!r}")
            i += 1
    if len(rows) != i:
        fail(path, f"{len(rows) - i} extra rows")


def check_csv_trajectory(path, scenario, result):
    rows = read_csv(path)
    envelopes = scenario["envelopes"]
    if len(rows) != 14 or len(rows[0]) != 1 + 4 * (len(envelopes) + 1):
        fail(path, f"{len(rows)} rows of {len(rows[0])} columns")
        return
    for e, env in enumerate(envelopes):
        r = result["envelopes"][env["id"]]
        for m in range(12):
            expect(f"{path} {env['id']} AE m{m + 1}", csv_number(path, rows[1 + m][1 + 4 * e]), r["ae"][m])
            expect(f"{path} {env['id']} CP m{m + 1}", csv_number(path, rows[1 + m][3 + 4 * e]), r["cp"][m])
            expect(f"{path} {env['id']} CP cumul m{m + 1}", csv_number(path, rows[1 + m][4 + 4 * e]),
                   sum(r["cp"][: m + 1]))
        expect(f"{path} {env['id']} AE total", csv_number(path, rows[13][1 + 4 * e]), r["ae_total"])
    col = 1 + 4 * len(envelopes)
    expect(f"{path} region AE total", csv_number(path, rows[13][col]), result["region"]["ae_total"])
    expect(f"{path} region CP total", csv_number(path, rows[13][col + 2]), result["region"]["cp_total"])


def check_consolidation(path, n_regions):
    """Region rows of each envelope block add up to the cached national total."""
    values = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    formulas = openpyxl.load_workbook(path).worksheets[0]
    row = 3
    blocks = 0
    while row <= values.max_row:
        if values.cell(row=row, column=1).value is None:
            row += 1
            continue
        first = row
        while values.cell(row=row, column=17).value is not None:   # region rows carry their file
            row += 1
        if row - first != n_regions:
            fail(path, f"block at row {first}: {row - first} regions, expected {n_regions}")
        for col in range(3, 12):
            want = sum(values.cell(row=r, column=col).value or 0 for r in range(first, row))
            expect(f"{path} total {values.cell(row=row, column=col).coordinate}",
                   values.cell(row=row, column=col).value, want)
            expect_formula(f"{path} total", formulas.cell(row=row, column=col), "=SUM(")
        blocks += 1
        row += 1
        while row <= values.max_row and values.cell(row=row, column=1).value is None \
                and values.cell(row=row, column=2).value is not None:
            row += 1
    if blocks == 0:
        fail(path, "no envelope block")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario")
    parser.add_argument("--result")
    parser.add_argument("--xlsx")
    parser.add_argument("--csv-lines")
    parser.add_argument("--csv-trajectory")
    parser.add_argument("--csv-post-aid")
    parser.add_argument("--consolidation")
    parser.add_argument("--expect-regions", type=int, default=0)
    args = parser.parse_args()

    if args.consolidation:
        check_consolidation(args.consolidation, args.expect_regions)
    else:
        scenario = json.load(open(args.scenario, encoding="utf-8"))
        result = json.load(open(args.result, encoding="utf-8"))
        if args.xlsx:
            check_xlsx(args.xlsx, scenario, result)
        if args.csv_lines:
            check_csv_lines(args.csv_lines, scenario, result)
        if args.csv_trajectory:
            check_csv_trajectory(args.csv_trajectory, scenario, result)
        if args.csv_post_aid:
            check_csv_post_aid(args.csv_post_aid, scenario, result)

    for e in errors[:50]:
        print(e, file=sys.stderr)
    if len(errors) > 50:
        print(f"… and {len(errors) - 50} more", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
