#!/usr/bin/python3
"""Reads the comparison workbook (« Comparer » → xlsx) back, independently of
Trajectoire's code, and prints its sheet as JSON for test-compare.c:

  check-compare.py FILE.xlsx

{"sheets": [names], "rows": [[cell values, null when empty]...],
 "shaded": ["D12", ...]}: the cells with a fill (the changes). Run with
/usr/bin/python3 (Debian's python3-openpyxl).
"""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
sheet = book[book.sheetnames[0]]
rows = []
shaded = []
for row in sheet.iter_rows():
    values = []
    for cell in row:
        values.append(cell.value)
        fill = cell.fill
        if (cell.value is not None and fill is not None and fill.fill_type == "solid"
                and fill.fgColor is not None and fill.fgColor.rgb not in (None, "00000000")
                and str(fill.fgColor.rgb).upper().endswith("FFF2CC")):
            shaded.append(cell.coordinate)
    rows.append(values)
json.dump({"sheets": book.sheetnames, "rows": rows, "shaded": shaded}, sys.stdout, ensure_ascii=False)
