"""Write the hostile and binary cases of tests/bad_inputs/ (and the big ones, at test time).

    python tests/bad_inputs/make_hostile.py      # rewrites the files listed in CASES

Workbooks are written part by part (not with openpyxl) so that each one holds exactly the XML a
case needs — a stray cell at XFD1048576, a cell calamine cannot parse, a zip directory that lies
— and so that the same bytes come out every time (fixed zip dates). The test suite calls
`zip_bomb` and `empty_rows` into tmp_path: they are too big to commit.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
BAD, OK = HERE / "actuals", HERE / "actuals_ok"
HEADER = ["指标编号", "截至日期", "累计完成", "填报单位", "备注"]
KEJI = "区科技工业商务和信息化局"  # the unit's name as the plan's registry has it
PILES, STATIONS, SIGNS = "p10.charging_piles", "p10.charging_stations", "p10.traffic_signs_upgraded"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DATE, PERCENT = 1, 2  # cellXfs of STYLES: m/d/yyyy (built-in 14) and 0% (built-in 9)
STYLES = (f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill/>'
          '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
          '</cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" '
          'applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs>'
          "</styleSheet>")


# ---------------------------------------------------------------- cells and sheets


def letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell(row: int, column: int, value: object, style: int | None = None, kind: str | None = None,
         ref: bool = True, prefix: str = "") -> str:
    """One <c>: text inline, numbers as they are; `kind` forces the type (e: error)."""
    r = f' r="{letters(column)}{row}"' if ref else ""
    s = f' s="{style}"' if style is not None else ""
    c = f"{prefix}c"
    if value is None:
        return f"<{c}{r}{s}/>"
    if kind is None and isinstance(value, str):
        return f'<{c}{r}{s} t="inlineStr"><{prefix}is><{prefix}t>{escape(value)}</{prefix}t>' \
               f"</{prefix}is></{c}>"
    t = f' t="{kind}"' if kind else ""
    return f"<{c}{r}{s}{t}><{prefix}v>{escape(str(value))}</{prefix}v></{c}>"


def row(number: int, cells: list[str], prefix: str = "", ref: bool = True) -> str:
    r = f' r="{number}"' if ref else ""
    return f"<{prefix}row{r}>{''.join(cells)}</{prefix}row>"


def table(rows: list[list[object]], styles: dict[tuple[int, int], int] | None = None,
          kinds: dict[tuple[int, int], str] | None = None, first: int = 1, prefix: str = "",
          ref: bool = True) -> list[str]:
    """<row>s for a grid of values from row `first`; `styles`/`kinds` by (row, column)."""
    styles, kinds = styles or {}, kinds or {}
    return [row(i, [cell(i, j, v, styles.get((i, j)), kinds.get((i, j)), ref, prefix)
                     for j, v in enumerate(values, 1)], prefix, ref)
            for i, values in enumerate(rows, first)]


def sheet(rows: list[str], prefix: str = "", dimension: str | None = None) -> str:
    p = prefix.rstrip(":")
    ns = f'xmlns:{p}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    dim = f'<{prefix}dimension ref="{dimension}"/>' if dimension else ""
    return (f"<{prefix}worksheet {ns}>{dim}<{prefix}sheetData>{''.join(rows)}"
            f"</{prefix}sheetData></{prefix}worksheet>")


def parts(sheets: dict[str, str], styles: str = STYLES) -> dict[str, bytes]:
    """The parts of a workbook of these sheets (name → worksheet XML)."""
    types = "".join(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for k in range(1, len(sheets) + 1))
    out = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{types}</Types>",
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
        + "".join(f'<sheet name="{escape(n)}" sheetId="{k}" r:id="rId{k}"/>'
                  for k, n in enumerate(sheets, 1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships">' + "".join(
            f'<Relationship Id="rId{k}" Type="{RELS}/worksheet" Target="worksheets/sheet{k}.xml"/>'
            for k in range(1, len(sheets) + 1))
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": styles,
    }
    for k, xml in enumerate(sheets.values(), 1):
        out[f"xl/worksheets/sheet{k}.xml"] = xml
    return {n: x.encode() if isinstance(x, str) else x for n, x in out.items()}


# ---------------------------------------------------------------- zip, byte by byte


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(path: Path, members: dict[str, bytes | tuple[bytes, int, int]]) -> None:
    """A zip of deflated members; a member given as (deflated, crc, declared size) is written
    as given, whatever it inflates to."""
    out, directory = bytearray(), bytearray()
    for name, member in members.items():
        if isinstance(member, tuple):
            data, crc, size = member
        else:
            data, crc, size = deflate(member), zlib.crc32(member), len(member)
        raw = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0x800, 8, 0, 0x21, crc, len(data), size,
                             len(raw), 0)
        directory += struct.pack("<IH", 0x02014B50, 20) + fields + struct.pack(
            "<HHHII", 0, 0, 0, 0, len(out)) + raw
        out += struct.pack("<I", 0x04034B50) + fields + raw + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory),
                      len(out), 0)
    path.write_bytes(bytes(out + directory + end))


def workbook(path: Path, sheets: dict[str, str], **replaced: bytes | tuple[bytes, int, int]
             ) -> Path:
    members: dict[str, bytes | tuple[bytes, int, int]] = dict(parts(sheets))
    members.update({name.replace("__", "/").replace("_", "."): m for name, m in replaced.items()})
    write_zip(path, members)
    return path


def repeated(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[bytes, int]:
    """A deflate stream of head + block × times + tail, from one compressed copy of the block
    (after a full flush each copy stands alone), and its inflated size."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    return start + middle * times + c.compress(tail) + c.flush(), len(head) + len(
        block) * times + len(tail)


def zip_bomb(path: Path, inflated: int = 2 << 30) -> Path:
    """A ~2 MB workbook whose sheet inflates to `inflated` bytes, its sizes declared honestly
    (its CRC is not computed: it must be refused from the zip's directory, uninflated)."""
    block = b" " * (1 << 20)  # whitespace between rows: deflate packs it ~1,000 to 1
    head = f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
    data, size = repeated(head, block, max(1, inflated // len(block)), b"</sheetData></worksheet>")
    return workbook(path, {"Sheet1": sheet([])}, xl__worksheets__sheet1_xml=(data, 0, size))


def empty_rows(path: Path, count: int = 1_000_000) -> Path:
    """Three reports, then `count` formatted empty rows (as selecting rows in Excel and giving
    them a border leaves them): calamine skips them; they must not cost a second each."""
    rows = table([HEADER, [PILES, 45107, 185, KEJI, None],
                  [STATIONS, 45107, 22, KEJI, None], [SIGNS, 45107, 48, "区公安局", None]],
                 styles={(r, 2): DATE for r in range(2, 5)})
    xml = sheet(rows + [f'<row r="{r}">' + "".join(f'<c r="{x}{r}" s="{PERCENT}"/>'
                                                   for x in "ABCDE") + "</row>"
                        for r in range(5, 5 + count)], dimension=f"A1:E{count + 4}")
    return workbook(path, {"6月进度": xml})


# ---------------------------------------------------------------- the committed cases

REPORT = [PILES, 45107, 185, KEJI, None]
DATES = {(2, 2): DATE, (3, 2): DATE, (4, 2): DATE}


def _one_sheet(rows: list[str], name: str = "6月进度") -> Callable[[Path], Path]:
    return lambda path: workbook(path, {name: sheet(rows)})


def _stray(reference: str) -> Callable[[Path], Path]:
    """Two reports and one stray value far away."""
    col = "".join(ch for ch in reference if ch.isalpha())
    number = int(reference[len(col):])
    rows = table([HEADER, REPORT, [STATIONS, 45107, 22, KEJI, None]], DATES)
    rows.append(f'<row r="{number}"><c r="{reference}"><v>1</v></c></row>')
    return lambda path: workbook(path, {"6月进度": sheet(rows, dimension="A1:E3")})


def _inflating(path: Path) -> Path:
    data, size = repeated(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode(), b"<row/>" * 10_000,
                          100, b"</sheetData></worksheet>")
    return workbook(path, {"Sheet1": sheet([])}, xl__worksheets__sheet1_xml=(data, 0, size))


def _declared(path: Path) -> Path:
    xml = sheet(table([HEADER, REPORT], DATES)).encode()
    return workbook(path, {"Sheet1": xml.decode()},
                    xl__worksheets__sheet1_xml=(deflate(xml), zlib.crc32(xml), 300 << 20))


def _longer_than_declared(path: Path) -> Path:
    styles = STYLES.encode()
    padded = styles + b"<!--" + b"x" * 2_000_000 + b"-->"
    return workbook(path, {"Sheet1": sheet(table([HEADER, REPORT], DATES))},
                    xl__styles_xml=(deflate(padded), zlib.crc32(styles), len(styles)))


def _three_months(path: Path) -> Path:
    months = {"7月": (45138, 240), "8月": (45169, 290), "9月": (45199, 318)}
    sheets = {"说明": sheet(table([["每月一张表，表头在第1行"]]))}
    for name, (serial, piles) in months.items():
        sheets[name] = sheet(table([HEADER, [PILES, serial, piles, KEJI, None],
                                    [STATIONS, serial, piles // 10, KEJI, name]], DATES))
    return workbook(path, sheets)


def _two_sheets_disagree(path: Path) -> Path:
    july = table([HEADER, [PILES, 45138, 240, KEJI, None]], DATES)
    august = table([HEADER, [PILES, 45169, 290, KEJI, None],
                    [PILES, 45138, 250, KEJI, "抄错了7月"]], DATES)
    return workbook(path, {"7月": sheet(july), "8月": sheet(august)})


def _no_sheet_has_the_header(path: Path) -> Path:
    return workbook(path, {"说明": sheet(table([["请在数据表填写"]])),
                           "数据": sheet(table([["指标编号", "累计完成"], [PILES, 185]]))})


def _formatted_empty_rows(path: Path) -> Path:
    return empty_rows(path, 1_000)


def _parquet(rows: dict[str, list[object]]) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table(rows), path, compression="zstd")
        return path
    return write


def _text(text: str, encoding: str = "utf-8", cut: int = 0) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        data = text.encode(encoding)
        path.write_bytes(data[:len(data) - cut] if cut else data)
        return path
    return write


CSV_HEAD = ",".join(HEADER) + "\n"

CASES: dict[Path, Callable[[Path], Path]] = {
    # bounds: calamine allocates every cell from A1 to the farthest one
    BAD / "limit-exceeded__stray_cell_at_xfd1048576__row1048576.xlsx": _stray("XFD1048576"),
    BAD / "limit-exceeded__a_value_in_column_1001__row4.xlsx": _stray("ALM4"),
    BAD / "limit-exceeded__used_range_of_twenty_million_cells__row200000.xlsx": _stray("CV200000"),
    BAD / "limit-exceeded__a_row_beyond_excels_last__row2000000.xlsx": _stray("A2000000"),
    BAD / "limit-exceeded__sheet_inflating_a_thousand_times.xlsx": _inflating,
    BAD / "limit-exceeded__zip_directory_declares_300_mib.xlsx": _declared,
    BAD / "not-excel__part_longer_than_it_declares.xlsx": _longer_than_declared,
    BAD / "limit-exceeded__a_cell_of_40000_characters__row3.xlsx": _one_sheet(
        table([HEADER, REPORT, [STATIONS, 45107, 22, KEJI, "备" * 40_000]], DATES)),
    # cells calamine cannot parse, or reads wrong
    BAD / "not-excel__number_cell_holding_text__row3.xlsx": _one_sheet(
        table([HEADER, REPORT, [STATIONS, 45107, "abc", KEJI, None]], DATES,
              {(3, 3): "n"})),
    BAD / "not-excel__date_cell_holding_text__row2.xlsx": _one_sheet(
        table([HEADER, [PILES, "6月底", 185, KEJI, None]], DATES, {(2, 2): "n"})),
    BAD / "bad-date__date_cell_holding_nan__row2.xlsx": _one_sheet(
        table([HEADER, [PILES, "NaN", 185, KEJI, None]], DATES, {(2, 2): "n"})),
    BAD / "bad-number__number_cell_holding_nan__row2.xlsx": _one_sheet(
        table([HEADER, [PILES, 45107, "NaN", KEJI, None]], DATES, {(2, 3): "n"})),
    BAD / "bad-date__date_cell_beyond_the_calendar__row2.xlsx": _one_sheet(
        table([HEADER, [PILES, 1e10, 185, KEJI, None]], DATES)),
    BAD / "bad-date__month_typed_as_a_number__row3.xlsx": _one_sheet(
        table([HEADER, REPORT, [PILES, 2023.1, 300, KEJI, "10月"]], {(2, 2): DATE})),
    BAD / "bad-number__error_cells_in_prefixed_xml__rows2_3.xlsx": lambda path: workbook(
        path, {"Sheet1": sheet(table([HEADER, [PILES, 45107, "#DIV/0!", KEJI, None],
                                      [STATIONS, 45107, "#N/A", KEJI, None]], DATES,
                                     {(2, 3): "e", (3, 3): "e"}, prefix="x:"), prefix="x:")}),
    BAD / "bad-number__error_cell_without_references__row3.xlsx": _one_sheet(
        table([HEADER, REPORT, [STATIONS, 45107, "#REF!", KEJI, None]], DATES,
              {(3, 3): "e"}, ref=False)),
    # every sheet
    BAD / "conflicting-reports__two_sheets_disagree__sheet8月__row3.xlsx": _two_sheets_disagree,
    BAD / "missing-column__no_sheet_has_the_header__row1.xlsx": _no_sheet_has_the_header,
    OK / "ok__three_monthly_sheets.xlsx": _three_months,
    OK / "ok__formatted_empty_rows_below_the_table.xlsx": _formatted_empty_rows,
    # CSV
    BAD / "extra-cells__thousands_comma_without_quotes__row3.csv": _text(
        f"{CSV_HEAD}{PILES},2023-06-30,185,区科工信局,\n{STATIONS},2023-06-30,1,200,区科工信局,\n"),
    # Arrow reads a quote never closed as a cell to the end of the file: in the last column the
    # row looks whole, elsewhere short; either way pandas says where it opens
    BAD / "file-unreadable__quote_never_closed_in_the_id__row3.csv": _text(
        f"{CSV_HEAD}{PILES},2023-06-30,185,区科工信局,\n\"{STATIONS},2023-06-30,22,区科工信局,\n"
        f"{SIGNS},2023-06-30,48,区公安局,\n"),
    BAD / "file-unreadable__quote_never_closed_in_the_last_column__row2.csv": _text(
        f"{CSV_HEAD}{PILES},2023-06-30,185,区科工信局,\"含\n{STATIONS},2023-06-30,22,区科工信局,\n"),
    BAD / "not-text__utf16_cut_to_an_odd_length__row3.csv": _text(
        f"{CSV_HEAD}{PILES},2023-06-30,185,区科工信局,\n{STATIONS},2023-06-30,22,区科工信局,\n",
        "utf-16", cut=1),
    BAD / "missing-column__header_below_the_first_ten_rows__row12.csv": _text(
        "增城区2023年民生十大实事进度表\n" + "填报说明：……\n" * 10 + CSV_HEAD
        + f"{PILES},2023-06-30,185,区科工信局,\n"),
    BAD / "limit-exceeded__header_row_longer_than_64_kib__row2.csv": _text(
        "进度表\n" + CSV_HEAD.strip() + "".join(f",说明{k}" for k in range(9_000)) + "\n"
        + f"{PILES},2023-06-30,185,区科工信局,\n"),
    BAD / "duplicate-column__value_twice_one_with_a_hidden_joiner__row1.csv": _text(
        "指标编号,截至日期,累计完成,填报单位,累计完成\u200d\n"
        f"{PILES},2023-06-30,185,区科工信局,200\n"),
    # Parquet
    BAD / "unknown-indicator__typo_in_a_parquet_file__row3.parquet": _parquet({
        "indicator": [PILES, "p10.charging_pile"], "as_of": ["2023-06-30", "2023-06-30"],
        "value": [185.0, 22.0]}),
    BAD / "bad-date__month_as_a_float_in_parquet__row2.parquet": _parquet({
        "指标编号": [PILES], "截至日期": [2023.1], "累计完成": [185]}),
    BAD / "limit-exceeded__parquet_cell_of_40000_characters__row2.parquet": _parquet({
        "指标编号": [PILES], "截至日期": ["2023-06-30"], "累计完成": [185],
        "备注": ["备" * 40_000]}),
}


def _ok_parquet(path: Path) -> Path:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({
        "项目": ["十", "十", "四"],
        "指标编号": [PILES, STATIONS, "p4.urban_new_jobs"],
        "截至日期": pa.array([dt.date(2023, 6, 30)] * 3, pa.date32()),
        "累计完成": pa.array([185, 22, 5630], pa.int64()),
        "填报单位": [KEJI, KEJI, None],
    }), path)
    return path


CASES[OK / "ok__parquet_with_chinese_columns_and_date_type.parquet"] = _ok_parquet


def main() -> None:
    for path, make in CASES.items():
        make(path)
        print(f"{path.relative_to(HERE)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
