"""Messages of reading (see the package's docstring)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the encoding of a CSV file (actuals/encoding.py)
    "encoding.guessed": (("文件不是 UTF-8 编码，已按 GB18030/GBK（Excel 导出的中文 CSV）读取。"
                          "如果文字显示为乱码，请把文件另存为“CSV UTF-8”格式"),
                         ("the file is not UTF-8; read it as GB18030/GBK (Excel's Chinese CSV "
                          "export). If the text looks garbled, save the file as CSV UTF-8")),
    "encoding.nul": ("文件中含有 NUL 字节：这是二进制数据，不是 CSV；{anew}",
                     "the file contains NUL bytes: it is binary data, not CSV; {anew}"),
    "encoding.utf16-cut": (("文件是 UTF-16 编码（以 UTF-16 字节顺序标记开头），但结尾只有半个字符："
                            "文件不完整，可能是复制或下载没有完成；{anew}"),
                           ("the file is UTF-16 (it starts with a UTF-16 byte order mark) but "
                            "ends in half a character: it was cut short, perhaps by a copy or "
                            "download that did not finish; {anew}")),
    "encoding.not-text": ("文件既不是 UTF-8 也不是 GB18030 文本（本行有不属于 {encoding} 的字节）；{anew}",
                          ("the file is neither UTF-8 nor GB18030 text (a byte that is not "
                           "{encoding} is on this line); {anew}")),
    # CSV rows (actuals/csvfile.py, actuals/csvpandas.py)
    "csv.extra-holds": ("，第 {column} 列为 {text}", ": column {column} holds {text}"),
    "csv.extra-cells": (("该行有 {cells} 个单元格，表头只有 {width} 个{holds}。带千位分隔逗号的数字"
                         "（如 5,000）如果不加英文双引号，会被拆成两个单元格：请写成 \"5,000\" 或 "
                         "5000（备注中的逗号同理），或给多出的一列加上表头"),
                        ("the row has {cells} cells, the header {width}{holds}. A number with a "
                         "thousands comma, like 5,000, splits into two cells unless it is in "
                         "double quotes: write \"5,000\" or 5000 (the same for a comma in a "
                         "note), or give the extra column a header")),
    "csv.too-wide": (("有一行有 {wide:,} 个单元格，表头只有 {header} 个；表头之外最多读取 {limit:,} "
                      "个单元格：请检查分隔符，或重新导出文件"),
                     ("a row has {wide:,} cells, the header {header}; minsheng reads at most "
                      "{limit:,} cells beyond the header: check the delimiter, or export the "
                      "file again")),
    "csv.long-row": (("该行超过 {mib} MiB，而一行最多读取 {mib} MiB：可能是某个英文双引号 \" 没有闭合，"
                      "把后面的行连在了一起，或某个单元格过长；请改正该行"),
                     ("the row is longer than {mib} MiB; minsheng reads rows up to that size: a "
                      "quote \" that is never closed joins rows together, or a cell is far too "
                      "long; fix that row")),
    "csv.long-row-somewhere": ("有一行超过 {mib} MiB，而一行最多读取 {mib} MiB；请改正该行",
                               ("a row is longer than {mib} MiB; minsheng reads rows up to that "
                                "size: fix that row")),
    "csv.header-too-long": (("表头（第 {row} 行）超过 {kib} KiB：只在文件的前 {kib} KiB 中查找表头；"
                             "请删除不需要的列"),
                            ("the header row (row {row}) is longer than {kib} KiB: minsheng "
                             "looks for the header in the first {kib} KiB of a file; delete the "
                             "columns it does not need")),
    "csv.malformed": (("CSV 格式有误（可能某个单元格中的英文双引号 \" 没有闭合）；请改正该行，"
                       "或重新导出文件（技术信息：{error}）"),
                      ("the CSV is malformed (a cell probably opens a double quote \" that is "
                       "never closed); fix that row or export the file again ({error})")),
    # Excel workbooks (actuals/xlsxfile.py)
    "xlsx.not-excel": ("{why}；{anew}", "{why}; {anew}"),
    "xlsx.cannot-open": ("无法打开工作簿（{error}）", "cannot open the workbook ({error})"),
    "xlsx.damaged": ("工作簿已损坏（{error}）", "the workbook is damaged ({error})"),
    "xlsx.missing-part": ("工作簿已损坏：缺少其中的 {part}", "the workbook is damaged: it lacks {part}"),
    "xlsx.sheet-unreadable": ("无法读取（{error}）", "cannot read it ({error})"),
    "xlsx.sheets-tried": ("已查找的工作表：{sheets}", "sheets tried: {sheets}"),
    "xlsx.no-sheets": ("工作簿中没有工作表", "it has no sheets"),
    "xlsx.no-sheet-header": ("{message}（所有工作表中都找不到表头行；{tried}）",
                             "{message} (no sheet has the header row; {tried})"),
    "xlsx.no-content": ("工作簿中没有任何内容（{tried}）；请写一行表头，每条填报一行",
                        ("the workbook has no rows with content ({tried}); write a header row "
                         "and one row per report")),
    "xlsx.bad-cell": (("单元格 {cell} 的内容为 {value}，{problem}：该文件不是由 Excel 或 WPS 保存的，"
                       "或已损坏；请在 Excel/WPS 中打开，改正该单元格后重新保存"),
                      ("cell {cell} holds {value}, {problem}: the file was not written by Excel "
                       "or WPS, or it was damaged; open it in Excel/WPS, fix the cell and save it "
                       "again")),
    "xlsx.not-a-number": ("该单元格按数字存储，内容却不是数字",
                          "which is not a number although the cell is stored as one"),
    "xlsx.not-a-boolean": ("该单元格按逻辑值存储，内容却不是逻辑值（0 或 1）",
                           "which is not a boolean (0 or 1) although the cell is stored as one"),
    "xlsx.bad-shared": ("本应是工作簿中 {shared:,} 条共享文本之一的编号，却超出了范围",
                        ("which should point into the workbook's {shared:,} shared texts but "
                         "does not")),
    # what a file given as a report is when it is no spreadsheet (actuals/load.py, xlsxfile.py)
    "doc.not-workbook": ("这是{kind}，不是 Excel 工作簿；{fix}", "this is {kind}, not an Excel workbook; {fix}"),
    "doc.word": ("一份 Word 文档", "a Word document"),
    "doc.powerpoint": ("一份 PowerPoint 演示文稿", "a PowerPoint presentation"),
    "doc.odf-text": ("一份 OpenDocument 文本文档", "an OpenDocument text document"),
    "doc.odf-presentation": ("一份 OpenDocument 演示文稿", "an OpenDocument presentation"),
    "doc.rtf": ("一份 RTF 文档", "an RTF document"),
    "doc.pdf": ("一个 PDF 文件", "a PDF file"),
    "doc.image": ("一张图片", "an image"),
    "doc.zip": ("一个 zip 压缩包（内含 {n:,} 个文件）", "a zip archive of {n:,} files"),
    "doc.fix-document": (("如果填报表在其中，请把表格复制到 Excel/WPS 表格中，另存为 .xlsx 或导出 CSV（UTF-8）；"
                          "如果只是说明材料，不必检查它"),
                         ("if the reports are in it, copy the table into Excel/WPS and save it as "
                          ".xlsx or export CSV (UTF-8); if it is only a covering note, leave it "
                          "out")),
    "doc.fix-picture": (("请报送单位改报 Excel 工作簿（.xlsx）或 CSV 文件（可用 minsheng template 生成填报表）"),
                        ("ask the unit for an Excel workbook (.xlsx) or a CSV file instead "
                         "(`minsheng template` writes the form to fill in)")),
    "doc.fix-zip": ("请先解压，再检查解压出的文件或文件夹", "unzip it first, then check the files or folder it holds"),
    # Parquet files (actuals/parquetfile.py)
    "parquet.anew": ("请用 pandas.DataFrame.to_parquet 或 pyarrow 重新生成，或导出 CSV（UTF-8）",
                     ("write it again with pandas.DataFrame.to_parquet or pyarrow, or export CSV "
                      "(UTF-8)")),
    "parquet.not-parquet": ("文件名为 .parquet，但不是 Parquet 文件；{anew}",
                            "the file is named .parquet but is not a Parquet file; {anew}"),
    "parquet.unreadable": ("无法读取 Parquet 文件（{error}）；{anew}",
                           "cannot read the Parquet file ({error}); {anew}"),
    "parquet.column-type": ("{header} 列的值是 {kind} 类型，无法读取；请存为文本、数字或日期",
                            ("column {header} holds {kind} values, which minsheng cannot read; "
                             "store text, numbers or dates")),
    # what is not a regular file (actuals/limits.py)
    "read.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "read.device": ("设备文件", "a device"),
    "read.socket": ("套接字", "a socket"),
    "read.special": ("特殊文件", "a special file"),
}
