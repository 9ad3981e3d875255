"""Regenerate the example report files in this folder: `python examples/make_examples.py`.

They imitate what the district's units send in, each unit reporting what the plan says it reports
(`reported_by` in plans/2023.yaml): the district total from a bureau, or each town's own share.

- 2023-06-lead-units.csv: what had come in by the end of June (UTF-8 with BOM, Chinese headers).
- 2023-09-towns.csv: everything up to the end of September in one clean file (English headers);
  the same rows as Excel's GBK CSV export (2023-09-excel-export-gbk.csv) and as .xlsx.
- inbox/2023-09/: the September round as the units send it, one file each, in every format
  offices use: workbooks with a title row and a sheet per month, GBK and UTF-8 CSV, a filled-in
  form from `minsheng template`. On purpose: 小楼镇 sent nothing (missing), 正果镇 sent only its
  August figures (stale), 派潭镇's file has no 填报单位 column (its unit comes from the file name),
  石滩镇 sent its file twice (a duplicate), and a PDF cover letter is not a report (skipped).
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

HERE = Path(__file__).parent
INBOX = HERE / "inbox" / "2023-09"
HEAD_ZH = ["指标编号", "截至日期", "累计完成", "填报单位", "备注"]
Row = tuple[str, str, str, str, str]

TOWNS = ["荔城街道", "增江街道", "朱村街道", "永宁街道", "宁西街道", "荔湖街道", "新塘镇", "石滩镇",
         "中新镇", "仙村镇", "派潭镇", "小楼镇", "正果镇"]
HEALTH, WOMEN, EDU, YOUTH = "区卫生健康局", "区妇联", "区教育局", "团区委"
FOREST, HR, TAX, HOUSING = "区林业和园林局", "区人力资源和社会保障局", "区税务局", "区住房和城乡建设局"
ROADS, WATER, GOV, MARKET = "区交通运输局", "区水务局", "区政务服务数据管理局", "区市场监督管理局"
POLICE, INDUSTRY = "区公安局", "区科技工业商务和信息化局"

# The district totals of the bureaus: (indicator, date, value, unit, note). Some things lag on
# purpose: the charging piles are short of September's 340, kindergarten places of 2520.
TOTALS: list[Row] = [
    ("p1.screening_notice", "2023-03-31", "1", HEALTH, "3月15日已下发"),
    ("p1.cancer_screening", "2023-06-30", "7,215", HEALTH, ""),
    ("p1.prenatal_screening", "2023-06-30", "5,102", HEALTH, ""),
    ("p1.family_education_plan_and_library", "2023-03-31", "1", WOMEN, ""),
    ("p1.offline_course_plan", "2023-04-30", "1", WOMEN, ""),
    ("p1.family_education_activities", "2023-06-30", "62", WOMEN, "5月起开展"),
    ("p2.special_needs_art_training", "2023-06-30", "8", YOUTH, ""),
    ("p2.inclusive_education_lectures", "2023-06-30", "1", YOUTH, "6月讲座延期至7月"),
    ("p2.schools_built", "2023-06-30", "5", EDU, ""),
    ("p3.cherry_garden_plan", "2023-03-31", "1", FOREST, ""),
    ("p3.cherry_garden_construction_started", "2023-04-30", "1", FOREST, ""),
    ("p3.cherry_garden_phase1_completed", "2023-06-30", "1", FOREST, ""),
    ("p3.master_plan_district_review", "2023-06-30", "0", FOREST, "待区政府常务会审议"),
    ("p4.zcmm_implementation_plan", "2023-03-31", "1", HR, ""),
    ("p4.urban_new_jobs", "2023-06-30", "5,630", HR, ""),
    ("p4.rural_labour_transfer", "2023-06-30", "4,210", HR, ""),
    ("p4.snack_standard_tendering", "2023-06-30", "1", HR, ""),
    ("p5.housing_plan_consultation", "2023-03-31", "1", HOUSING, ""),
    ("p5.housing_plan_issued", "2023-04-30", "1", HOUSING, ""),
    ("p6.road_project_preparation", "2023-03-31", "1", ROADS, ""),
    ("p6.safety_works_preparation", "2023-03-31", "1", ROADS, ""),
    ("p6.road_project_tendering", "2023-06-30", "1", ROADS, ""),
    ("p6.safety_works_started", "2023-06-30", "1", ROADS, ""),
    ("p7.certification_research", "2023-04-30", "1", GOV, ""),
    ("p8.smart_supervision_plan", "2023-02-28", "1", MARKET, ""),
    ("p8.businesses_under_smart_supervision", "2023-06-30", "14,880", MARKET, ""),
    ("p8.food_sampling", "2023-06-30", "1,046", MARKET, ""),
    ("p8.produce_rapid_tests", "2023-06-30", "2.06万", MARKET, ""),
    ("p8.drug_sampling", "2023-06-30", "67", MARKET, ""),
    ("p8.device_sampling", "2023-06-30", "10", MARKET, ""),
    ("p9.camera_projects_started", "2023-03-31", "1", POLICE, ""),
    ("p9.video_maintenance_procurement", "2023-03-31", "1", POLICE, ""),
    ("p9.cameras_maintained", "2023-06-30", "8,813", POLICE, ""),
    ("p9.elevator_database", "2023-03-31", "15,000", MARKET, ""),
    ("p9.elevators_on_platform", "2023-06-30", "14,620", MARKET, "尚有380台未录入"),
    ("p10.traffic_special_meeting", "2023-01-31", "1", POLICE, ""),
    ("p10.charging_stations", "2023-06-30", "22", INDUSTRY, ""),
    ("p10.charging_piles", "2023-06-30", "185", INDUSTRY, "4个站点电力报装滞后"),
    ("p10.rectification_measures", "2023-06-30", "17", POLICE, ""),
    ("p10.traffic_signs_upgraded", "2023-06-30", "48", POLICE, ""),
    # September
    ("p1.cancer_screening", "2023-09-30", "10,906", HEALTH, ""),
    ("p1.prenatal_screening", "2023-09-30", "8,140", HEALTH, ""),
    ("p1.screening_supervision", "2023-08-31", "1", HEALTH, ""),
    ("p1.prenatal_screening_republicity", "2023-09-30", "1", HEALTH, ""),
    ("p1.family_education_activities", "2023-09-30", "171", WOMEN, ""),
    ("p2.schools_built", "2023-07-31", "8", EDU, ""),
    ("p2.kindergartens_built", "2023-07-31", "6", EDU, ""),
    ("p2.school_places", "2023-09-30", "1.2万", EDU, ""),
    ("p2.kindergarten_places", "2023-09-30", "2,430", EDU, "按项目概况口径2430个"),
    ("p2.special_needs_art_training", "2023-09-30", "14", YOUTH, ""),
    ("p3.cherry_garden_phase1_in_use", "2023-07-31", "1", FOREST, ""),
    ("p3.master_plan_district_review", "2023-08-15", "1", FOREST, "8月通过"),
    ("p4.urban_new_jobs", "2023-09-30", "8,756", HR, ""),
    ("p4.rural_labour_transfer", "2023-09-30", "5,790", HR, ""),
    ("p6.safe_crossings", "2023-09-30", "36", ROADS, ""),
    ("p6.road_hazards_remediated", "2023-09-30", "10", ROADS, ""),
    ("p6.road_construction_started", "2023-09-30", "1", ROADS, ""),
    ("p6.road_project_progress", "2023-09-30", "80%", ROADS, ""),
    ("p6.village_road_survey", "2023-09-30", "285", ROADS, ""),
    ("p6.water_pipe_km", "2023-09-30", "353.3", WATER, "全区合计"),
    ("p7.cert_types_standardized", "2023-07-31", "5", GOV, ""),
    ("p8.businesses_under_smart_supervision", "2023-09-30", "21,350", MARKET, ""),
    ("p8.food_sampling", "2023-09-30", "1,560", MARKET, ""),
    ("p8.produce_rapid_tests", "2023-09-30", "30,920", MARKET, ""),
    ("p9.camera_projects_completed", "2023-07-31", "1", POLICE, ""),
    ("p9.elevators_on_platform", "2023-09-30", "15,000", MARKET, ""),
    ("p9.elevators_first_paperless", "2023-09-30", "13,900", MARKET, ""),
    ("p10.charging_stations", "2023-09-30", "31", INDUSTRY, ""),
    # the bureau's own district total beside the towns' shares (318): never added to them
    ("p10.charging_piles", "2023-09-30", "320", INDUSTRY, "全区合计"),
    ("p7.cert_types_standardized", "2023-09-30", "5", GOV, ""),
]

# Each town's own figures at the end of June and of September: {indicator: [(june, sept), …]}
# in TOWNS order. The seed allocates these to the towns; the charging piles are the towns'
# figures for the example allocation (examples/allocations/).
FIRST_BUILT = {"新塘镇", "荔湖街道", "永宁街道", "荔城街道", "石滩镇", "增江街道", "中新镇"}
SHARES: dict[str, list[tuple[float, float]]] = {
    "p4.zcmm_sites_selected": [(1, 1)] * 13,
    "p4.zcmm_sites_built": [(0, int(t in FIRST_BUILT)) for t in TOWNS],
    "p4.joint_centres_plaques": [(1, 1)] * 13,
    "p4.joint_centres_operational": [(int(k < 6), int(t != "仙村镇")) for k, t in enumerate(TOWNS)],
    "p5.rental_housing_units": [(round(v * 0.55), v) for v in
                                (310, 280, 150, 360, 290, 520, 980, 320, 260, 120, 90, 60, 80)],
    "p10.charging_piles": [(round(v * 0.58), v) for v in
                           (31, 22, 18, 34, 20, 41, 62, 25, 19, 14, 12, 9, 11)],
}
# The water supply phases name their towns (中新镇, written 中心镇, has phases 1 and 2).
WATER = {"中新镇": [(17, 17), (41800, 41800), (317.4, 317.4)],
         "仙村镇": [(0, 5), (0, 13700), (0, 3.4)],
         "宁西街道": [(0, 4), (0, 7000), (0, 20.5)],
         "永宁街道": [(0, 2), (0, 6000), (0, 12.0)]}
WATER_IDS = ["p6.water_villages_connected", "p6.water_residents_benefiting", "p6.water_pipe_km"]


def _text(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 1e4 else f"{value:.10g}"


def town_rows() -> list[Row]:
    rows: list[Row] = []
    for indicator, values in SHARES.items():
        for town, (june, sept) in zip(TOWNS, values, strict=True):
            rows.append((indicator, "2023-06-30", _text(june), town, ""))
            rows.append((indicator, "2023-09-30", _text(sept), town, ""))
    for town, values in WATER.items():
        for indicator, (june, sept) in zip(WATER_IDS, values, strict=True):
            rows.append((indicator, "2023-06-30", _text(june), town, ""))
            rows.append((indicator, "2023-09-30", _text(sept), town, ""))
    return rows


def all_rows() -> list[Row]:
    return TOTALS + town_rows()


def june_rows() -> list[Row]:
    return [r for r in all_rows() if r[1] <= "2023-06-30"]


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]], encoding: str,
              preamble: tuple[str, ...] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        for line in preamble:
            writer.writerow([line])
        writer.writerow(header)
        writer.writerows(rows)


def excel_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}/{int(m)}/{int(d)}"


def _number(value: str) -> float | str:
    if value.endswith(("万", "%")):
        return value
    number = float(value.replace(",", ""))
    return int(number) if number.is_integer() else number


def write_xlsx(path: Path, sheets: dict[str, list[Row]], title: str | None = None,
               with_reporter: bool = True) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        if title:
            sheet.append([title])
            sheet.merge_cells("A1:E1")
        sheet.append(HEAD_ZH if with_reporter else [h for h in HEAD_ZH if h != "填报单位"])
        for indicator, day, value, reporter, note in rows:
            cells = [indicator, dt.datetime.fromisoformat(day), _number(value), reporter, note]
            sheet.append(cells if with_reporter else [c for k, c in enumerate(cells) if k != 3])
        for cell in sheet["B"][(2 if title else 1):]:
            cell.number_format = "yyyy/m/d"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _by_unit(rows: list[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row[3], []).append(row)
    return out


def write_inbox() -> None:
    """The September round: one file per unit, as each unit sends it."""
    shutil.rmtree(INBOX, ignore_errors=True)
    units = _by_unit(all_rows())
    for k, (unit, rows) in enumerate(units.items()):
        if unit == "小楼镇":
            continue  # missing: sent nothing this round
        if unit == "正果镇":  # stale: its file still holds August's figures
            rows = [(i, "2023-08-31" if d == "2023-09-30" else d, v, r, n) for i, d, v, r, n in rows]
        if unit == "新塘镇":  # a workbook with a title row and a sheet per month
            by_month = {"6月": [r for r in rows if r[1] <= "2023-06-30"],
                        "9月": [r for r in rows if r[1] > "2023-06-30"]}
            write_xlsx(INBOX / "新塘镇民生实事进度表.xlsx", by_month,
                       title="新塘镇2023年民生十大实事推进情况（截至9月30日）")
        elif unit == "派潭镇":  # no 填报单位 column: the file name tells whose it is
            write_csv(INBOX / "派潭镇.csv", [h for h in HEAD_ZH if h != "填报单位"],
                      [(i, d, v, n) for i, d, v, _, n in rows], "utf-8")
        elif unit == "增江街道":  # Excel's CSV export on Chinese Windows: GBK, 2023/9/30
            write_csv(INBOX / "增江街道9月报表.csv", HEAD_ZH,
                      [(i, excel_date(d), v, r, n) for i, d, v, r, n in rows], "gbk")
        elif unit == "石滩镇":  # sent twice, the same figures
            for name in ("石滩镇.csv", "石滩镇(重发).csv"):
                write_csv(INBOX / name, HEAD_ZH, rows, "utf-8-sig")
        elif k % 3 == 0:
            write_xlsx(INBOX / f"{unit}.xlsx", {"填报": rows}, title=f"{unit}民生实事进度填报")
        elif k % 3 == 1:
            write_csv(INBOX / f"{unit}.csv", HEAD_ZH, rows, "gbk")
        else:
            write_csv(INBOX / f"{unit}.csv", HEAD_ZH, rows, "utf-8-sig")
    (INBOX / "报送说明.pdf").write_bytes(b"%PDF-1.4\n% a cover letter, not a report\n%%EOF\n")


def main() -> None:
    write_csv(HERE / "2023-06-lead-units.csv", HEAD_ZH, june_rows(), "utf-8-sig")
    sept = all_rows()
    write_csv(HERE / "2023-09-towns.csv", ["indicator", "as_of", "value", "reporter", "note"], sept,
              "utf-8")
    # Excel's "CSV (逗号分隔)" on a Chinese Windows: GBK, CRLF, dates as 2023/9/30, a context column
    gbk = [(i, excel_date(d), v, r, n, "") for i, d, v, r, n in sept]
    write_csv(HERE / "2023-09-excel-export-gbk.csv", [*HEAD_ZH, "联系人"], gbk, "gbk")
    write_xlsx(HERE / "2023-09-towns.xlsx", {"9月进度": sept},
               title="增城区2023年民生十大实事进度填报表（截至9月30日）")
    write_inbox()


if __name__ == "__main__":
    main()
