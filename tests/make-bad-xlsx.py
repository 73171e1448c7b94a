"""make-bad-xlsx.py BASE.xlsx EXAMPLE.json OUTDIR — hostile programming files
for test-bad-input, each a variation of a real export (BASE.xlsx):

  far-columns.xlsx   2 000 cells in column XFD (the last) of « Données »
  far-rows.xlsx      a cell in row 1 048 576 of « Données »
  deep-data.xlsx     « Données » holds JSON nested 50 000 deep
  huge-data.xlsx     « Données » holds a volume of 1e94
  bad-data.xlsx      « Données » holds a rate of 1,4
  no-data.xlsx       no « Données » sheet
  no-property.xlsx   no « Trajectoire » custom property (another tool's file)
  newer.xlsx         the property says trajectoire-programmation/9
  bomb.xlsx          « Données » with 200 MB of blanks, compressed to ~200 kB
  not-zip.xlsx       text named .xlsx
  truncated.xlsx     the first half of BASE.xlsx
"""
import io
import re
import sys
import zipfile
from xml.sax.saxutils import escape

base, example_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
parts = {}
with zipfile.ZipFile(base) as z:
    names = z.namelist()
    for n in names:
        parts[n] = z.read(n)
example = open(example_path, encoding="utf-8").read()


def write(name, changed, drop=(), extra=None):
    with zipfile.ZipFile(f"{out}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            if n in drop:
                continue
            z.writestr(n, changed.get(n, parts[n]))
        for n, data in (extra or {}).items():
            z.writestr(n, data)


def sheet_part(title):
    """Part name of the worksheet shown as `title`."""
    wb = parts["xl/workbook.xml"].decode()
    rid = re.search(r'<sheet name="%s"[^>]*r:id="(rId\d+)"' % re.escape(title), wb).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or \
        re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def with_data(json_text):
    """« Données » with the scenario as one inline string."""
    part = sheet_part("Données")
    xml = parts[part].decode()
    row = ('<row r="4"><c r="A4" t="inlineStr"><is><t>scenario</t></is></c>'
           '<c r="B4" t="inlineStr"><is><t>%s</t></is></c></row>' % escape(json_text))
    xml = re.sub(r'<row r="4".*</sheetData>', row + "</sheetData>", xml, flags=re.S)
    return {part: xml.encode()}


def add_cells(title, cells):
    part = sheet_part(title)
    xml = parts[part].decode()
    xml = xml.replace("</sheetData>", "".join(cells) + "</sheetData>")
    return {part: xml.encode()}


lines = "Données"
write("far-columns.xlsx", add_cells(lines, [
    '<row r="%d"><c r="XFD%d"><v>1</v></c></row>' % (r, r) for r in range(100, 2100)]))
write("far-rows.xlsx", add_cells(lines, ['<row r="1048576"><c r="A1048576"><v>1</v></c></row>']))
write("deep-data.xlsx", with_data("[" * 50000 + "]" * 50000))
write("huge-data.xlsx", with_data(example.replace('"volume": 1236', '"volume": 1e94', 1)))
write("bad-data.xlsx", with_data(example.replace('"rate": 0.5', '"rate": 1.4', 1)))
data_part = sheet_part("Données")
wb = parts["xl/workbook.xml"].decode()
write("no-data.xlsx", {"xl/workbook.xml": re.sub(r'<sheet name="Données"[^>]*/>', "", wb).encode()},
      drop=(data_part,))
custom = parts["docProps/custom.xml"].decode()
write("no-property.xlsx", {"docProps/custom.xml": custom.replace('name="Trajectoire"', 'name="Autre"').encode()})
write("newer.xlsx", {"docProps/custom.xml": custom.replace("trajectoire-programmation/1", "trajectoire-programmation/9").encode()})
blank = " " * (200 * 1024 * 1024)
bomb_part = sheet_part(lines)
xml = parts[bomb_part].decode()
write("bomb.xlsx", {bomb_part: xml.replace("<sheetData>", "<sheetData>" + blank, 1).encode()})
open(f"{out}/not-zip.xlsx", "w").write("Ceci n'est pas un classeur.\n")
raw = open(base, "rb").read()
open(f"{out}/truncated.xlsx", "wb").write(raw[: len(raw) // 2])
