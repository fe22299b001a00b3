"""Regenerates the reader fixtures with real writers: python3 -m venv v && v/bin/pip install openpyxl xlsxwriter.

Run from anywhere: v/bin/python make_fixtures.py. Output goes next to this script.
"""
import datetime
import os
import re
import zipfile

import xlsxwriter
from openpyxl import Workbook
from openpyxl.styles import Font

out = os.path.dirname(os.path.abspath(__file__)) + "/"

# openpyxl: inline strings, gap, skipped row, bool, numbers, date, second sheet.
wb = Workbook()
ws = wb.active
ws.title = "客户"
ws.append(["姓名", "电话", "金额", "活跃", "日期"])
for c in ws[1]:
    c.font = Font(bold=True)
ws.append(["张三", 13800138000, 12.5, True, datetime.date(2026, 11, 23)])
# row 3 left out entirely; row 4 has a gap: A4 and C4
ws["A4"] = "李四"
ws["C4"] = -3
ws["D4"] = False
ws["A5"] = "a & b <c> \"d\""
ws2 = wb.create_sheet("Second")
ws2["A1"] = "x"
ws2["B1"] = 1
ws2["A2"] = "y"
ws2["B2"] = 2.25
wb.save(out + "openpyxl-basic.xlsx")

# Shared strings (XlsxWriter always uses them), rich text runs, a gap, a skipped row, a boolean, a second sheet.
wb = xlsxwriter.Workbook(out + "xlsxwriter-shared.xlsx")
bold = wb.add_format({"bold": True})
italic = wb.add_format({"italic": True})
date = wb.add_format({"num_format": "yyyy-mm-dd"})
ws = wb.add_worksheet("订单")
ws.write_row(0, 0, ["编号", "客户", "电话", "金额"], bold)
ws.write_rich_string(1, 0, bold, "Rich", " text ", italic, "runs")
ws.write_string(1, 1, "王五")
ws.write_number(1, 2, 13800138000)
ws.write_number(1, 3, 99.95)
# row 3 (index 2) skipped; row 4: A4 and C4 only
ws.write_string(3, 0, "  leading and trailing  ")
ws.write_boolean(3, 2, True)
ws.write_datetime(4, 0, datetime.datetime(2026, 11, 23), date)
ws.write_string(4, 1, "王五")  # repeated shared string
ws.write_formula(4, 2, '="ab"&"cd"', None, "abcd")
s2 = wb.add_worksheet("Sheet (2)")
s2.write_row(0, 0, ["k", "v"])
s2.write_row(1, 0, ["one", 1])
wb.close()

# The same file edited the way other writers differ: "x:" prefixes on every element (as .NET's Open XML SDK writes),
# the worksheet part renamed so that it is only found through the relationships, and the phone number stored in
# exponent form as Excel does; plus a phonetic reading in the shared strings.
src = out + "xlsxwriter-shared.xlsx"
dst = out + "prefixed-exponent.xlsx"
def prefix(xml):
    xml = re.sub(r"<(/?)(?![?!])([A-Za-z])", r"<\1x:\2", xml)
    return xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                       'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename).decode("utf-8")
        name = item.filename
        if name == "xl/worksheets/sheet1.xml":
            name = "xl/worksheets/customers.xml"
            data = prefix(data.replace("<v>13800138000</v>", "<v>1.3800138E10</v>"))
        elif name == "xl/sharedStrings.xml":
            # Excel adds phonetic readings (rPh) that are not part of the text.
            data = prefix(data).replace("<x:si><x:t>王五</x:t></x:si>",
                '<x:si><x:t>王五</x:t><x:rPh sb="0" eb="2"><x:t>wang wu</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>')
        elif name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            data = data.replace("worksheets/sheet1.xml", "worksheets/customers.xml")
        zout.writestr(name, data)

# libreoffice-resaved.xlsx is a workbook written by this module (SpreadsheetBench's "demo" in the scratch package,
# the same rows as FixtureReaderTests.libreOfficeResaved) opened and saved again by LibreOffice 7:
#   soffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir out demo.xlsx
