#!/usr/bin/python3
"""Every formula of an xlsx file, recalculated by LibreOffice, against the engine.

  check-recalc.py --soffice PATH --workdir DIR FILE.xlsx [--reverse-margin]

Trajectoire writes each formula with its cached value, the engine's figure
(check-programming.py checks those against the engine's result). LibreOffice
headless, with recalculation on load forced in a profile of its own, converts
the file to xlsx again; every formula cell of FILE must then hold, as
recalculated by Calc, the value Trajectoire cached. A formula that computes
something else (a margin reversed, a consumption over the wrong cell) differs.

--reverse-margin also checks a copy whose first "=X-Y" formula of the first
sheet (a margin) has its operands swapped, its cached value kept: that copy
must fail, which shows that Calc really recalculated (one LibreOffice start
converts both).

Exit status 0 when every formula cell matches (and there is at least one),
and the reversed copy, if asked for, does not; 1 with each mismatch printed
otherwise. Run with /usr/bin/python3 (openpyxl).
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile

import openpyxl

# Calc's "Recalculation on file load" for Excel 2007 and newer: 0 is "always".
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
MARGIN = re.compile(rb"<f>([A-Z]+[0-9]+)-([A-Z]+[0-9]+)</f>")


def empty(value):
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def same(cached, recalculated):
    if empty(cached) or empty(recalculated):
        return empty(cached) and empty(recalculated)
    if isinstance(cached, (int, float)) and isinstance(recalculated, (int, float)):
        return math.isclose(float(cached), float(recalculated), rel_tol=1e-9, abs_tol=1e-6)
    return cached == recalculated


def reverse_margin(path, copy):
    """Copies the xlsx with the first sheet's first "X-Y" formula made "Y-X"."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = MARGIN.subn(lambda m: b"<f>" + m.group(2) + b"-" + m.group(1) + b"</f>", data, count=1)
                if n != 1:
                    sys.exit(f"{path}: no margin formula to reverse")
            dst.writestr(item, data)


def recalculate(soffice, workdir, paths):
    """Converts the files in one LibreOffice run; returns the converted paths."""
    profile = os.path.join(workdir, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write(PROFILE)
    outdir = os.path.join(workdir, "recalculated")
    os.makedirs(outdir, exist_ok=True)
    outs = [os.path.join(outdir, os.path.basename(path)) for path in paths]
    for out in outs:
        if os.path.exists(out):
            os.unlink(out)
    run = subprocess.run([soffice, "--headless", "--norestore", "--nologo",
                          f"-env:UserInstallation=file://{os.path.abspath(profile)}",
                          "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir] + paths,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    shutil.rmtree(profile, ignore_errors=True)
    for path, out in zip(paths, outs):
        if not os.path.exists(out):
            sys.exit(f"{path}: LibreOffice wrote nothing (status {run.returncode}):\n"
                     + run.stdout.decode(errors="replace"))
    return outs


def compare(path, recalculated):
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    calc = openpyxl.load_workbook(recalculated, data_only=True)
    errors = []
    count = 0
    if calc.sheetnames != formulas.sheetnames:
        return [f"sheets {calc.sheetnames} after Calc, {formulas.sheetnames} before"], 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                count += 1
                want = cached[ws.title][cell.coordinate].value
                got = calc[ws.title][cell.coordinate].value
                if not same(want, got):
                    errors.append(f"{ws.title}!{cell.coordinate} {cell.value}: "
                                  f"Trajectoire {want!r}, LibreOffice {got!r}")
    if count == 0:
        errors.append(f"{path}: no formula cell")
    return errors, count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--reverse-margin", action="store_true")
    parser.add_argument("xlsx")
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    paths = [args.xlsx]
    if args.reverse_margin:
        paths.append(os.path.join(args.workdir, "reversed-" + os.path.basename(args.xlsx)))
        reverse_margin(args.xlsx, paths[1])
    recalculated = recalculate(args.soffice, args.workdir, paths)
    errors, count = compare(paths[0], recalculated[0])
    for e in errors[:50]:
        print(e, file=sys.stderr)
    if len(errors) > 50:
        print(f"… and {len(errors) - 50} more", file=sys.stderr)
    print(f"{count} formula cells recalculated by LibreOffice, {len(errors)} differ from Trajectoire")
    if args.reverse_margin:
        reversed_errors, _ = compare(paths[1], recalculated[1])
        print(f"with a margin reversed: {len(reversed_errors)} differ, first "
              f"{reversed_errors[0] if reversed_errors else 'none'}")
        if not reversed_errors:
            errors.append("a reversed margin went unnoticed: Calc did not recalculate")
            print(errors[-1], file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
