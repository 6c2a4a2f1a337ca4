"""Write docs/huong-dan-nhanh.md: a new user's walk-through, every command run for real.

The script does what the page tells a clerk to do, in an empty folder: ``dvk init``, the values the
page says to type (written with openpyxl, as Excel would), then each command, and puts each
command's exact output under it. Only machine-specific paths are shortened (the folder the
commands ran in, where dvk-docs is installed) and backup time stamps written as YYYYMMDD-HHMMSS.

Run again after a change to a command's messages: ``python scripts/make_quickstart.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_docs.render.templates import shipped_dir  # noqa: E402

DOC = ROOT / "docs" / "huong-dan-nhanh.md"
BOOK = "so-theo-doi-2025.xlsx"
DVK = [sys.executable, "-c", "from dvk_docs.cli import main; main()"]

SETTINGS = {  #: Cấu hình label -> value the clerk types
    "Thể thức văn bản": "Nhà nước",
    "Cơ quan cấp trên": "",
    "Cơ quan ban hành": "ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH",
    "Viết tắt cơ quan ban hành": "UBND",
    "Tên cơ quan ban hành (viết thường)": "Chủ tịch Ủy ban nhân dân huyện Yên Bình",
    "Địa danh": "Yên Bình",
    "Năm": 2025,
    "Chủ thể quyết định": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH",
    "Căn cứ": "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
              "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Cơ quan tham mưu": "Trưởng phòng Nội vụ",
    "Người ký mặc định": "CT",
    "Hạn đăng ký": dt.datetime(2025, 4, 15),
}
UNITS = [  #: Mã đơn vị, Tên đơn vị, Loại đơn vị, Chỉ tiêu mô hình
    ("TT01", "UBND thị trấn Yên Bình", "Xã, phường", 2),
    ("XA02", "UBND xã Phúc An", "Xã, phường", 1),
]
SIGNERS = [  #: Mã, Họ và tên, Chức vụ, Quyền hạn ký, Ký thay mặt
    ("CT", "Vũ Quang Trung", "CHỦ TỊCH", "TM.", "ỦY BAN NHÂN DÂN"),
]
RECIPIENTS = [  #: Loại văn bản, Nơi nhận, Thứ tự
    ("Quyết định công nhận", "Như Điều 3", 1),
    ("Quyết định công nhận", "Ban Dân vận Huyện ủy", 2),
    ("Quyết định công nhận", "Lưu: VT", 3),
]
MODELS = [  #: Mã mô hình, Mã đơn vị, Tên mô hình, Chủ thể, Tập thể/cá nhân thực hiện, Lĩnh vực, Mới/Duy trì
    ("MH001", "TT01", "Chợ nông sản an toàn", "Tập thể", "Hội Nông dân thị trấn", "Kinh tế", "Mới"),
    ("MH002", "TT01", "Loa truyền thanh tổ dân phố", "Tập thể", "Tổ dân phố 5", "Văn hóa - xã hội", "Duy trì"),
    ("MH003", "XA02", "Gương thanh niên lập nghiệp", "Cá nhân", "Anh Hoàng Văn Nam", "Kinh tế", "Mới"),
]
SCORES = [  #: Mã mô hình, Người chấm, TC1 … TC15 (II.1 for tập thể, II.2 for cá nhân)
    ("MH001", "Hội đồng", [5, 10, 10, 5, 5, 5, 10, 5, 10, 10, 5, 5, 5, 5, 5]),
    ("MH002", "Hội đồng", [4, 10, 8, 4, 4, 4, 10, 4, 10, 8, 5, 4, 4, 4, 5]),
    ("MH003", "Hội đồng", [3, 6, 5, 3, 3, 3, 6, 3, 6, 5, 3, 3, 3, 3, 3]),
]


class Walk:
    """Runs the steps in one folder and collects the page."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.parts: list[str] = []

    def text(self, markdown: str) -> None:
        self.parts.append(markdown.strip("\n") + "\n")

    def run(self, *args: str) -> None:
        """Run ``dvk args`` and add the command and its real output (stdout then stderr)."""
        env = {**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
        env.pop("DVK_DEBUG", None)
        done = subprocess.run([*DVK, *args], cwd=self.folder, capture_output=True, text=True, env=env,
                              encoding="utf-8")
        output = self._shorten(done.stdout + done.stderr).rstrip("\n")
        shown = " ".join(f'"{a}"' if " " in a else a for a in args)
        self.parts.append(f"```\n$ dvk {shown}\n{output}\n```\n\nMã thoát: {done.returncode}.\n")

    def fill(self, sheet: str, rows: Sequence[Sequence[object]], header: Sequence[str]) -> None:
        """Type ``rows`` under the columns named ``header`` of ``sheet`` (from row 2), as a clerk
        does, and show them as a table."""
        book = openpyxl.load_workbook(self.folder / BOOK)
        target = book[sheet]
        columns = {cell.value: cell.column for cell in target[1]}
        for number, row in enumerate(rows, start=2):
            for name, value in zip(header, row, strict=True):
                target.cell(number, columns[name], value)
        book.save(self.folder / BOOK)
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_shown(v) for v in row) + " |" for row in rows]
        self.parts.append("\n".join(lines) + "\n")

    def settings(self, values: dict[str, object]) -> None:
        book = openpyxl.load_workbook(self.folder / BOOK)
        sheet = book["Cấu hình"]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value in values:
                row[1].value = values[row[0].value] or None
        book.save(self.folder / BOOK)
        lines = ["| Mục (cột A) | Giá trị (cột B) |", "|---|---|"]
        lines += [f"| {label} | {_shown(value) or '(để trống)'} |" for label, value in values.items()]
        self.parts.append("\n".join(lines) + "\n")

    def scores(self, rows: Sequence[tuple[str, str, Sequence[int]]]) -> None:
        self.fill("Chấm điểm", [(code, scorer, *points) for code, scorer, points in rows],
                  ["Mã mô hình", "Người chấm", *(f"TC{n}" for n in range(1, 16))])

    def show(self, sheet: str, header: Sequence[str]) -> None:
        """The columns ``header`` of ``sheet`` as the book now holds them (what the clerk sees)."""
        target = openpyxl.load_workbook(self.folder / BOOK)[sheet]
        columns = {cell.value: cell.column for cell in target[1]}
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in range(2, target.max_row + 1):
            values = [target.cell(row, columns[name]).value for name in header]
            if any(v not in (None, "") for v in values):
                lines.append("| " + " | ".join("" if v is None else _shown(v) for v in values) + " |")
        self.parts.append("\n".join(lines) + "\n")

    def excerpt(self, pattern: str, starts: Sequence[str]) -> None:
        """The paragraphs of the document matching ``pattern`` that begin with one of ``starts``."""
        (path,) = sorted(self.folder.glob(pattern))[:1]
        document = docx.Document(str(path))
        texts = [p.text for p in document.paragraphs]
        texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        lines = [" ".join(part.strip() for part in t.split("\n") if part.strip()) for t in texts]
        shown = list(dict.fromkeys(t for t in lines if t.startswith(tuple(starts))))
        self.parts.append("```\n" + "\n".join(shown) + "\n```\n")

    def _shorten(self, text: str) -> str:
        text = text.replace(str(shipped_dir()), "<mẫu có sẵn>").replace(f"{self.folder}{os.sep}", "")
        text = text.replace(str(self.folder), ".")
        return re.sub(r"\d{8}-\d{6}", "YYYYMMDD-HHMMSS", text)


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    return str(value).replace("\n", " ⏎ ")


def walk(folder: Path) -> str:
    w = Walk(folder)
    w.text(INTRO)
    w.text("## 1. Tạo sổ theo dõi\n\nMở cửa sổ lệnh trong thư mục làm việc (ví dụ `D:\\DanVanKheo`) và gõ:")
    w.run("init", BOOK)
    w.text(STEP_1_AFTER)
    w.run("validate", BOOK)
    w.text(STEP_2)
    w.settings(SETTINGS)
    w.text("Sheet **Đơn vị** (từ dòng 2):")
    w.fill("Đơn vị", UNITS, ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Chỉ tiêu mô hình"])
    w.text("Sheet **Người ký**:")
    w.fill("Người ký", SIGNERS, ["Mã", "Họ và tên", "Chức vụ", "Quyền hạn ký", "Ký thay mặt"])
    w.text("Sheet **Nơi nhận** (tên loại văn bản như trong danh sách chọn, hoặc `*` cho mọi loại):")
    w.fill("Nơi nhận", RECIPIENTS, ["Loại văn bản", "Nơi nhận", "Thứ tự"])
    w.text(STEP_3)
    w.run("render", "danh-sach-dang-ky", BOOK, "--blank")
    w.text(STEP_4)
    w.fill("Mô hình", MODELS, ["Mã mô hình", "Mã đơn vị", "Tên mô hình", "Chủ thể",
                               "Tập thể/cá nhân thực hiện", "Lĩnh vực", "Mới/Duy trì"])
    w.run("validate", BOOK)
    w.text(STEP_5)
    w.run("render", "phieu-cham-diem", BOOK, "--blank")
    w.text(STEP_5_SCORES)
    w.scores(SCORES)
    w.run("score", BOOK)
    w.text("Sheet Chấm điểm sau lệnh này:")
    w.show("Chấm điểm", ["Mã mô hình", "Tổng điểm", "Kết quả", "Lý do"])
    w.text(STEP_6)
    w.run("render", "quyet-dinh-cong-nhan", BOOK, "--cap-so", "--ngay", "20/11/2025")
    w.text("Trong quyết định (đọc lại tệp .docx), số, ngày, trích yếu, Điều 1 và khối chữ ký:")
    w.excerpt("dvk-output/Quyết định công nhận/*.docx", ["Số:", "Yên Bình, ngày", "Về việc", "Điều 1", "TM."])
    w.text("Sheet Văn bản (sổ đăng ký văn bản đi) có dòng mới:")
    w.show("Văn bản", ["Số", "Ký hiệu", "Ngày ban hành", "Loại văn bản", "Trích yếu", "Người ký"])
    w.text(STEP_7)
    w.run("render", "giay-chung-nhan", BOOK)
    w.text("Giấy thứ nhất (đọc lại tệp .docx):")
    w.excerpt("dvk-output/Giấy chứng nhận/001*.docx", ["CHỦ TỊCH", "GIẤY", "Với mô hình", "Mô hình", "Tập thể", "Đã",
                                                      "Quyết định số", "Yên Bình, ngày"])
    w.text(OUTRO)
    return "\n".join(w.parts)


INTRO = """
# Hướng dẫn nhanh: từ sổ trống đến quyết định công nhận và giấy chứng nhận

Trang này đi hết một vòng phong trào với một huyện nhỏ (2 đơn vị, 3 mô hình), chỉ dùng lệnh `dvk`
và những gì ghi trong tài liệu. Mọi kết quả in dưới đây là kết quả **thật** của lệnh (trang được tạo
bằng `python scripts/make_quickstart.py`, chạy từng lệnh trong một thư mục trống); chỉ đường dẫn nơi
cài chương trình được viết gọn là `<mẫu có sẵn>`. Cài đặt: `pip install dvk-docs` (xem README).
Làm việc trong Excel thay vì cửa sổ lệnh: mỗi lệnh dưới đây có một nút trên thẻ “Dân vận khéo”
([docs/excel.md](excel.md)).
"""

STEP_1_AFTER = """
Sổ có 9 sheet: Cấu hình, Đơn vị, Mô hình, Tiêu chí (đã có sẵn 15 + 5 tiêu chí của Biểu chấm điểm),
Chấm điểm, Người ký, Nơi nhận, Văn bản và sheet ẩn Danh mục. **Trỏ chuột vào tiêu đề một cột** (hoặc
tên một mục ở Cấu hình) để xem ghi chú: cột đó là gì, bắt buộc hay không, giá trị được chọn, ví dụ.
Bảng đầy đủ: [docs/workbook.md](workbook.md#các-cột-của-sổ).

## 2. Kiểm tra sổ trống: chương trình nói còn thiếu gì

Mỗi lỗi nêu sheet, ô, cách sửa và những lệnh nó chặn (cột “Chặn lệnh”):
"""

STEP_2 = """
## 3. Điền Cấu hình, Đơn vị, Người ký, Nơi nhận

Mở sổ bằng Excel. Sheet **Cấu hình** (cột B, các mục khác giữ mặc định); xuống dòng trong một ô bằng
Alt+Enter (⏎ dưới đây):
"""

STEP_3 = """
Lưu sổ và đóng Excel (chương trình không ghi vào sổ đang mở). Phát mẫu danh sách đăng ký cho các
đơn vị tự điền:
"""

STEP_4 = """
Gửi tệp này cho các đơn vị (hoặc dùng `dvk init-forms` để mỗi đơn vị có một tệp Excel riêng, rồi
`dvk gom` gom về: [docs/gather.md](gather.md)).

## 4. Nhập các mô hình đăng ký

Sheet **Mô hình** (các cột khác để trống được; tên lĩnh vực, chủ thể gõ như danh sách chọn, hoặc
viết tắt như “KT”, “VH-XH”):
"""

STEP_5 = """
Không còn lỗi: có thể lập văn bản.

## 5. Chấm điểm

Biểu chấm điểm trống cho Hội đồng:
"""

STEP_5_SCORES = """
Nhập điểm Hội đồng chấm vào sheet **Chấm điểm** (mỗi mô hình một dòng; nhiều người chấm thì mỗi
người một dòng, chương trình lấy trung bình):
"""

STEP_6 = """
Chương trình ghi Tổng điểm, Kết quả, Lý do vào sheet Chấm điểm (sổ cũ được sao lưu vào
`.dvk-backup/` trước). Quy tắc chấm: [docs/validation.md](validation.md#quy-tắc-chấm-điểm).

## 6. Quyết định công nhận, cấp số

`--cap-so` lấy số tiếp theo trong sổ đăng ký văn bản đi và ghi vào sheet Văn bản; `--ngay` là ngày
ban hành (bỏ `--cap-so` thì dòng “Số:” để trống cho văn thư ghi tay):
"""

STEP_7 = """
Mở tệp .docx trong Word, trình ký. Bản PDF: thêm `--pdf` (cần LibreOffice, `dvk doctor` kiểm tra
máy); ký số PDF: `dvk ky`.

## 7. Giấy chứng nhận

Mỗi mô hình đạt một giấy, dẫn số quyết định vừa cấp:
"""

OUTRO = """
## Tiếp theo

- Lập mọi văn bản một lần: `dvk batch so-theo-doi-2025.xlsx` (mỗi loại một thư mục con trong
  `dvk-output/`, giống `dvk render`): [docs/batch.md](batch.md).
- Sửa câu chữ của một mẫu: `dvk templates copy quyet-dinh-cong-nhan --out mau`, rồi ghi `mau` vào
  Cấu hình “Thư mục mẫu riêng”: [docs/templates.md](templates.md).
- Đổi trích yếu: Cấu hình “Trích yếu theo loại văn bản”; không in kèm biểu mẫu: bỏ loại đó khỏi
  Cấu hình “Kèm biểu mẫu”: [docs/documents.md](documents.md).
- Gọi lệnh sai thì chương trình nói bằng tiếng Việt và gợi ý (“Có phải ý bạn là …?”), mã thoát 64;
  bấm Ctrl+C để dừng: “Đã dừng theo yêu cầu”, mã thoát 130. Bảng mã thoát: README.
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "dan-van-kheo"
        folder.mkdir()
        page = walk(folder)
    DOC.write_text(page, encoding="utf-8")
    print(f"  {DOC}")


if __name__ == "__main__":
    main()
