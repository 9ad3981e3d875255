"""Regenerate the example report files in this folder: `python examples/make_examples.py`.

They imitate what offices send in: the lead units' end-of-June figures, the towns' end-of-September
figures (each town reporting its own share), the same as Excel's GBK CSV export, and as .xlsx.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
HEAD_ZH = ["指标编号", "截至日期", "累计完成", "填报单位", "备注"]

# End of June, from the lead units (牵头单位). Some things lag on purpose: the rental housing
# office has not reported, the charging piles are short of June's 200, lectures are one short.
JUNE = [
    ("p1.screening_notice", "2023-03-31", "1", "区卫生健康局", "3月15日已下发"),
    ("p1.cancer_screening", "2023-06-30", "7,215", "区卫生健康局", ""),
    ("p1.prenatal_screening", "2023-06-30", "5,102", "区卫生健康局", ""),
    ("p1.family_education_plan_and_library", "2023-03-31", "1", "区妇联", ""),
    ("p1.offline_course_plan", "2023-04-30", "1", "区妇联", ""),
    ("p1.family_education_activities", "2023-06-30", "62", "区妇联", "5月起开展"),
    ("p2.special_needs_art_training", "2023-06-30", "8", "区教育局", ""),
    ("p2.inclusive_education_lectures", "2023-06-30", "1", "区教育局", "6月讲座延期至7月"),
    ("p2.schools_built", "2023-06-30", "5", "区教育局", ""),
    ("p3.cherry_garden_plan", "2023-03-31", "1", "区林业园林局", ""),
    ("p3.cherry_garden_construction_started", "2023-04-30", "1", "区林业园林局", ""),
    ("p3.cherry_garden_phase1_completed", "2023-06-30", "1", "区林业园林局", ""),
    ("p3.master_plan_district_review", "2023-06-30", "0", "区林业园林局", "待区政府常务会审议"),
    ("p4.zcmm_implementation_plan", "2023-03-31", "1", "区人力资源和社会保障局", ""),
    ("p4.urban_new_jobs", "2023-06-30", "5,630", "区人力资源和社会保障局", ""),
    ("p4.rural_labour_transfer", "2023-06-30", "4,210", "区人力资源和社会保障局", ""),
    ("p4.zcmm_sites_selected", "2023-06-30", "13", "区人力资源和社会保障局", ""),
    ("p4.snack_standard_tendering", "2023-06-30", "1", "区人力资源和社会保障局", ""),
    ("p4.joint_centres_plaques", "2023-03-31", "13", "区税务局", ""),
    ("p4.joint_centres_operational", "2023-06-30", "6", "区税务局", ""),
    ("p5.housing_plan_consultation", "2023-03-31", "1", "区住房和城乡建设局", ""),
    ("p5.housing_plan_issued", "2023-04-30", "1", "区住房和城乡建设局", ""),
    ("p6.road_project_preparation", "2023-03-31", "1", "区交通局", ""),
    ("p6.safety_works_preparation", "2023-03-31", "1", "区交通局", ""),
    ("p6.road_project_tendering", "2023-06-30", "1", "区交通局", ""),
    ("p6.safety_works_started", "2023-06-30", "1", "区交通局", ""),
    ("p6.water_villages_connected", "2023-05-31", "17", "区水务局", ""),
    ("p6.water_residents_benefiting", "2023-05-31", "4.18万", "区水务局", ""),
    ("p6.water_pipe_km", "2023-05-31", "317.4", "区水务局", ""),
    ("p7.certification_research", "2023-04-30", "1", "区政务服务数据管理局", ""),
    ("p8.smart_supervision_plan", "2023-02-28", "1", "区市场监管局", ""),
    ("p8.businesses_under_smart_supervision", "2023-06-30", "14,880", "区市场监管局", ""),
    ("p8.food_sampling", "2023-06-30", "1,046", "区市场监管局", ""),
    ("p8.produce_rapid_tests", "2023-06-30", "2.06万", "区市场监管局", ""),
    ("p8.drug_sampling", "2023-06-30", "67", "区市场监管局", ""),
    ("p8.device_sampling", "2023-06-30", "10", "区市场监管局", ""),
    ("p9.camera_projects_started", "2023-03-31", "1", "区公安局", ""),
    ("p9.video_maintenance_procurement", "2023-03-31", "1", "区公安局", ""),
    ("p9.cameras_maintained", "2023-06-30", "8,813", "区公安局", ""),
    ("p9.elevator_database", "2023-03-31", "15,000", "区市场监管局", ""),
    ("p9.elevators_on_platform", "2023-06-30", "14,620", "区市场监管局", "尚有380台未录入"),
    ("p10.traffic_special_meeting", "2023-01-31", "1", "区公安局", ""),
    ("p10.charging_stations", "2023-06-30", "22", "区科工商信局", ""),
    ("p10.charging_piles", "2023-06-30", "185", "区科工商信局", "4个站点电力报装滞后"),
    ("p10.rectification_measures", "2023-06-30", "17", "区公安局", ""),
    ("p10.traffic_signs_upgraded", "2023-06-30", "48", "区公安局", ""),
]

TOWNS = ["荔城街道", "增江街道", "朱村街道", "永宁街道", "宁西街道", "荔湖街道", "新塘镇", "石滩镇",
         "中新镇", "仙村镇", "派潭镇", "小楼镇", "正果镇"]

# End of September: the towns report their own shares of the summed indicators.
TOWN_SHARES = {
    "p10.charging_piles": [31, 22, 18, 34, 20, 41, 62, 25, 19, 14, 12, 9, 11],  # 318 < 340
    "p10.charging_stations": [3, 2, 2, 3, 2, 4, 5, 2, 2, 2, 1, 1, 2],  # 31
    "p4.urban_new_jobs": [812, 604, 455, 720, 530, 905, 1880, 760, 690, 420, 390, 280, 310],
    "p4.rural_labour_transfer": [420, 380, 410, 460, 400, 390, 520, 480, 500, 430, 470, 450, 480],
    "p6.safe_crossings": [3, 2, 3, 3, 2, 2, 4, 3, 3, 2, 3, 3, 3],  # 36
    "p6.road_hazards_remediated": [1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0],  # 10
    "p5.rental_housing_units": [310, 280, 150, 360, 290, 520, 980, 320, 260, 120, 90, 60, 80],
}
SEPTEMBER_LEAD = [
    ("p1.cancer_screening", "2023-09-30", "10,906", "区卫生健康局", ""),
    ("p1.prenatal_screening", "2023-09-30", "8,140", "区卫生健康局", ""),
    ("p1.screening_supervision", "2023-08-31", "1", "区卫生健康局", ""),
    ("p1.prenatal_screening_republicity", "2023-09-30", "1", "区卫生健康局", ""),
    ("p1.family_education_activities", "2023-09-30", "171", "区妇联", ""),
    ("p2.schools_built", "2023-07-31", "8", "区教育局", ""),
    ("p2.kindergartens_built", "2023-07-31", "6", "区教育局", ""),
    ("p2.school_places", "2023-09-30", "1.2万", "区教育局", ""),
    ("p2.kindergarten_places", "2023-09-30", "2,430", "区教育局", "按项目概况口径2430个"),
    ("p2.special_needs_art_training", "2023-09-30", "14", "区教育局", ""),
    ("p3.cherry_garden_phase1_in_use", "2023-07-31", "1", "区林业园林局", ""),
    ("p3.master_plan_district_review", "2023-08-15", "1", "区林业园林局", "8月通过"),
    ("p8.businesses_under_smart_supervision", "2023-09-30", "21,350", "区市场监管局", ""),
    ("p8.food_sampling", "2023-09-30", "1,560", "区市场监管局", ""),
    ("p8.produce_rapid_tests", "2023-09-30", "30,920", "区市场监管局", ""),
    ("p9.camera_projects_completed", "2023-07-31", "1", "区公安局", ""),
    ("p9.elevators_on_platform", "2023-09-30", "15,000", "区市场监管局", ""),
    ("p9.elevators_first_paperless", "2023-09-30", "13,900", "区市场监管局", ""),
    ("p6.water_villages_connected", "2023-08-31", "22", "区水务局", ""),
    ("p6.water_residents_benefiting", "2023-08-31", "5.55万", "区水务局", ""),
    ("p6.water_pipe_km", "2023-08-31", "320.8", "区水务局", ""),
    ("p6.road_construction_started", "2023-09-30", "1", "区交通局", ""),
    ("p6.road_project_progress", "2023-09-30", "80%", "区交通局", ""),
    ("p6.village_road_survey", "2023-09-30", "285", "区交通局", ""),
    ("p7.cert_types_standardized", "2023-07-31", "5", "区政务服务数据管理局", ""),
]


def september_rows() -> list[tuple[str, str, str, str, str]]:
    rows = list(JUNE) + SEPTEMBER_LEAD
    # the towns take over the summed indicators: drop the lead unit's June totals for those
    rows = [r for r in rows if r[0] not in TOWN_SHARES]
    for indicator, shares in TOWN_SHARES.items():
        for town, amount in zip(TOWNS, shares, strict=True):
            june = round(amount * 0.55)
            rows.append((indicator, "2023-06-30", f"{june:,}", town, ""))
            rows.append((indicator, "2023-09-30", f"{amount:,}", town, ""))
    return rows


def write_csv(path: Path, header: list[str], rows: list[tuple[str, ...]], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def excel_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}/{int(m)}/{int(d)}"


def main() -> None:
    write_csv(HERE / "2023-06-lead-units.csv", HEAD_ZH, JUNE, "utf-8-sig")
    sept = september_rows()
    write_csv(HERE / "2023-09-towns.csv", ["indicator", "as_of", "value", "reporter", "note"], sept,
              "utf-8")
    # Excel's "CSV (逗号分隔)" on a Chinese Windows: GBK, CRLF, dates as 2023/9/30, a context column
    gbk = [(i, excel_date(d), v, r, n, "") for i, d, v, r, n in sept]
    write_csv(HERE / "2023-09-excel-export-gbk.csv", [*HEAD_ZH, "联系人"], gbk, "gbk")
    write_xlsx(HERE / "2023-09-towns.xlsx", sept)


def write_xlsx(path: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "9月进度"
    sheet.append(["增城区2023年民生十大实事进度填报表（截至9月30日）"])
    sheet.merge_cells("A1:E1")
    sheet.append(HEAD_ZH)
    for indicator, day, value, reporter, note in rows:
        number: float | str = value
        if not value.endswith(("万", "%")):
            number = float(value.replace(",", ""))
            number = int(number) if number.is_integer() else number
        sheet.append([indicator, dt.datetime.fromisoformat(day), number, reporter, note])
    for cell in sheet["B"][2:]:
        cell.number_format = "yyyy/m/d"
    book.save(path)


if __name__ == "__main__":
    main()
