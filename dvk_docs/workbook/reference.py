"""What every column of the workbook means, from the schema: required or not, values, an example.

:mod:`.schema` says which columns exist, which are required and which list a coded column takes;
this module adds what a clerk needs to fill them (a sentence and an example per column) and gives
the result in the two places a clerk reads it:

- :func:`header_note` — the comment ``dvk init`` puts on each header (and on each Cấu hình key);
- :func:`markdown` — the column reference of docs/workbook.md (``python scripts/make_workbook_reference.py``
  rewrites it; a test fails when the two differ).

Validation reads the same ``required`` and ``choices``, so the book, the docs and ``dvk validate``
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blank_fields import FIELDS
from .schema import CHOICES, SCORE_CRITERIA_COUNT, SETTINGS, SHEETS, Column, SheetSpec, score_header

BEGIN_MARK = "<!-- bảng cột: tạo bởi scripts/make_workbook_reference.py, đừng sửa tay -->"
END_MARK = "<!-- hết bảng cột -->"

OPEN_CHOICES = {  #: lists a clerk may widen, and where
    "field": "hoặc theo Cấu hình “Danh mục lĩnh vực”",
    "unit_kind": "hoặc loại có trong Cấu hình “Chỉ tiêu theo loại đơn vị”",
}

HELP: dict[tuple[str, str], tuple[str, str]] = {  #: (sheet key, field) -> (what it is, example)
    # Cấu hình
    ("settings", "profile"): ("Thể thức của mọi văn bản", "Đảng"),
    ("settings", "parent_body"): ("Cơ quan cấp trên, dòng đầu của tiêu đề, viết hoa", "ĐẢNG BỘ TỈNH YÊN BÁI"),
    ("settings", "issuing_body"): ("Cơ quan ban hành, viết hoa",
                                   "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"),
    ("settings", "issuing_abbr"): ("Viết tắt của cơ quan ban hành, dùng trong ký hiệu văn bản", "ĐUK"),
    ("settings", "issuer_name"): ("Tên cơ quan ban hành viết thường, cho câu “Kèm theo Quyết định số … của …”",
                                  "Ban Thường vụ Đảng ủy Khối"),
    ("settings", "place"): ("Địa danh ở dòng “…, ngày … tháng … năm …”", "Yên Bái"),
    ("settings", "year"): ("Năm của phong trào", "2025"),
    ("settings", "decider"): ("Chủ thể quyết định, viết hoa", "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI"),
    ("settings", "legal_bases"): ("Các căn cứ của quyết định, mỗi dòng một căn cứ (Alt+Enter)",
                                  "Căn cứ Quy chế làm việc của Đảng ủy Khối khóa V"),
    ("settings", "advisory_body"): ("Cơ quan tham mưu (“Theo đề nghị của …”)", "Trưởng Ban Dân vận"),
    ("settings", "default_signer"): ("Mã người ký ở sheet Người ký", "NK1"),
    ("settings", "registration_deadline"): ("Hạn đơn vị gửi đăng ký", "15/04/2025"),
    ("settings", "report_deadline"): ("Hạn đơn vị gửi báo cáo kết quả", "15/10/2025"),
    ("settings", "pass_threshold"): ("Tổng điểm tối thiểu để mô hình đạt", "75"),
    ("settings", "kind_targets"): ("Số mô hình tối thiểu theo loại đơn vị, Loại=số; cách nhau bằng ;",
                                   "Đoàn thể=5; Chi bộ cơ sở=1"),
    ("settings", "fields"): ("Các lĩnh vực dùng được ở cột Lĩnh vực, cách nhau bằng ;",
                             "Kinh tế; Văn hóa - xã hội"),
    ("settings", "field_labels"): ("Tên cột ngắn của lĩnh vực trong danh sách đăng ký",
                                   "Quốc phòng - an ninh=ANQP"),
    ("settings", "base_salary"): ("Mức lương cơ sở (đồng), để tính tiền thưởng", "2340000"),
    ("settings", "prize_coefficient_collective"): ("Hệ số thưởng của tập thể", "1,0"),
    ("settings", "prize_coefficient_individual"): ("Hệ số thưởng của cá nhân", "0,3"),
    ("settings", "award"): ("Có: quyết định có thêm điều khen thưởng và giấy khen", "Không"),
    ("settings", "council_name"): ("Tên hội đồng bình chọn (phiếu bình chọn, biên bản kiểm phiếu)",
                                   "Hội đồng Thi đua - Khen thưởng"),
    ("settings", "council_members"): ("Tổng số thành viên hội đồng bình chọn", "11"),
    ("settings", "council_present"): ("Số thành viên có mặt khi bình chọn (trống: đếm trong sheet Bình chọn)",
                                      "10"),
    ("settings", "vote_threshold"): ("Tỷ lệ phiếu đồng ý tối thiểu (%) để mô hình đạt bình chọn", "90"),
    ("settings", "vote_base"): ("Tỷ lệ tính trên tổng số thành viên hay số thành viên có mặt",
                                "Tổng số thành viên"),
    ("settings", "written_votes"): ("Có: phiếu bằng văn bản của thành viên vắng mặt được tính", "Có"),
    ("settings", "vote_date"): ("Ngày họp bình chọn (phiếu, biên bản kiểm phiếu)", "08/10/2025"),
    ("settings", "tally_board"): ("Ban kiểm phiếu: Họ tên - chức danh, cách nhau bằng ;",
                                  "Nguyễn Văn A - Trưởng ban; Trần Thị B - Thành viên"),
    ("settings", "logo_image"): ("Ảnh biểu trưng .png in trên giấy chứng nhận, tính từ thư mục của sổ",
                                 "anh/bieu-trung.png"),
    ("settings", "ceremony_time"): ("Thời gian lễ tuyên dương (giấy mời)", "08 giờ 00, ngày 15/10/2025"),
    ("settings", "ceremony_place"): ("Địa điểm lễ tuyên dương (giấy mời)", "Hội trường Tỉnh ủy"),
    ("settings", "stage_group_size"): ("Số tập thể, cá nhân mỗi lượt lên sân khấu", "10"),
    ("settings", "stage_group_by"): ("Chia lượt lên sân khấu theo đơn vị hay lĩnh vực", "Đơn vị"),
    ("settings", "blank_offset_x"): ("In trên phôi: dịch mọi dòng sang phải (mm, âm: sang trái)", "1,5"),
    ("settings", "blank_offset_y"): ("In trên phôi: dịch mọi dòng xuống dưới (mm, âm: lên trên)", "-2"),
    ("settings", "decision_number"): ("Số của quyết định công nhận (dvk render --cap-so tự ghi)", "05"),
    ("settings", "decision_date"): ("Ngày của quyết định công nhận", "20/11/2025"),
    ("settings", "plan_number"): ("Số của kế hoạch", "29"),
    ("settings", "plan_date"): ("Ngày của kế hoạch", "10/03/2025"),
    ("settings", "guidance_number"): ("Số của hướng dẫn", "12"),
    ("settings", "guidance_date"): ("Ngày của hướng dẫn", "15/03/2025"),
    ("settings", "numbering_scope"): ("Một dãy số cho mọi loại văn bản hay mỗi loại một dãy", "Chung"),
    ("settings", "term_start"): ("Ngày bắt đầu nhiệm kỳ (thể thức Đảng đánh số theo nhiệm kỳ)", "01/10/2020"),
    ("settings", "output_dir"): ("Thư mục ghi văn bản, tính từ thư mục của sổ", "dvk-output"),
    ("settings", "signing_p12"): ("Tệp chứng thư số kèm khóa (.p12/.pfx) cho “dvk ky”, tính từ thư mục của sổ",
                                  "ky-so/van-thu.p12"),
    ("settings", "signing_pkcs11"): ("Thư viện PKCS#11 của USB token ký số, do nhà cung cấp cài",
                                     "C:\\Windows\\System32\\vnpt-ca_csp11.dll"),
    ("settings", "signing_key_label"): ("Nhãn khóa trên token khi token có nhiều khóa", "Van thu"),
    ("settings", "signing_tsa"): ("Máy chủ dấu thời gian của nhà cung cấp chữ ký số", "http://tsa.example.vn"),
    ("settings", "templates_dir"): ("Thư mục mẫu Word đã sửa (dvk templates copy), tính từ thư mục của sổ",
                                    "mau"),
    ("settings", "batch_kinds"): ("Các loại văn bản “dvk batch” lập, cách nhau bằng ; (trống: mọi loại)",
                                  "quyet-dinh-cong-nhan; giay-chung-nhan"),
    ("settings", "attached_forms"): ("Loại văn bản nào in kèm biểu mẫu (phụ lục, mẫu đăng ký)",
                                     "Kế hoạch; Hướng dẫn"),
    ("settings", "summaries"): ("Trích yếu riêng của từng loại văn bản (trống: trích yếu có sẵn)",
                                "Quyết định công nhận=Về việc công nhận mô hình “Dân vận khéo” năm {nam}"),
    ("settings", "filename_pattern"): ("Mẫu tên tệp văn bản: {stt}, {don_vi}, {ten}, {loai} …",
                                       "{stt:03d} - {ten}"),
    ("settings", "sort_names"): ("Có: danh sách xếp theo tên (tên, tên đệm, họ)", "Không"),
    # Đơn vị
    ("units", "code"): ("Mã riêng của đơn vị; sheet Mô hình ghi mã này", "DV01"),
    ("units", "name"): ("Tên đơn vị như in trong văn bản", "Chi bộ Sở Tư pháp"),
    ("units", "kind"): ("Loại đơn vị, để biết chỉ tiêu", "Chi bộ cơ sở"),
    ("units", "target"): ("Số mô hình tối thiểu của đơn vị (trống: theo loại đơn vị)", "2"),
    # Mô hình
    ("models", "code"): ("Mã riêng của mô hình", "MH001"),
    ("models", "unit_code"): ("Mã đơn vị đăng ký (cột Mã đơn vị của sheet Đơn vị)", "DV01"),
    ("models", "name"): ("Tên mô hình hoặc điển hình", "Tư pháp gần dân"),
    ("models", "subject"): ("Tập thể hay cá nhân thực hiện (quyết định tiêu chí nhóm II.1 hay II.2)", "Tập thể"),
    ("models", "performer"): ("Tên tập thể hoặc cá nhân thực hiện", "Chi bộ Sở Tư pháp"),
    ("models", "field"): ("Lĩnh vực của mô hình", "Kinh tế"),
    ("models", "place"): ("Nơi xây dựng, triển khai", "xã Tân Thịnh"),
    ("models", "lead"): ("Người hoặc tổ chức chủ trì", "Đoàn Thanh niên"),
    ("models", "scale"): ("Quy mô thực hiện", "120 hộ"),
    ("models", "status"): ("Đăng ký xây dựng mới hay tiếp tục (duy trì)", "Mới"),
    ("models", "registered_on"): ("Ngày đăng ký, dd/mm/yyyy", "01/03/2025"),
    ("models", "quantity"): ("Số lượng (trống: 1)", "1"),
    ("models", "category"): ("Mô hình hay điển hình", "Mô hình"),
    ("models", "results_summary"): ("Tóm tắt quy mô, kết quả cụ thể đạt được", "Giúp 15 hộ thoát nghèo"),
    ("models", "note"): ("Ghi chú (ví dụ lý do đăng ký muộn)", "Đăng ký bổ sung"),
    ("models", "source"): ("Tệp, sheet, dòng mà “dvk gom” lấy mô hình về (chương trình ghi)",
                           "DV01.xlsx › Đăng ký › dòng 5"),
    # Tiêu chí
    ("criteria", "number"): ("Số tiêu chí, ứng với cột TC của sheet Chấm điểm", "7"),
    ("criteria", "group"): ("I: tiêu chí chung (1-10), áp dụng cho mọi mô hình; II.1: mô hình do tập thể "
                            "thực hiện; II.2: do cá nhân thực hiện; II.1 và II.2 cùng đánh số 11-15", "I"),
    ("criteria", "text"): ("Nội dung tiêu chí", "Mô hình có tính sáng tạo, dễ nhân rộng"),
    ("criteria", "maximum"): ("Điểm tối đa của tiêu chí", "10"),
    ("criteria", "must_be_max"): ("Có: mô hình không đạt nếu tiêu chí này không đủ điểm tối đa", "Không"),
    # Chấm điểm
    ("scores", "model_code"): ("Mã mô hình được chấm", "MH001"),
    ("scores", "scorer"): ("Người chấm (nhiều người chấm: mỗi người một dòng, lấy trung bình)", "Nguyễn Văn An"),
    ("scores", "criteria"): ("Điểm của tiêu chí số 1 … 15, không quá điểm tối đa ở sheet Tiêu chí", "7,5"),
    ("scores", "total"): ("Tổng điểm (dvk score ghi)", "87,5"),
    ("scores", "result"): ("Kết quả (dvk score ghi)", "Đạt"),
    ("scores", "reason"): ("Lý do không đạt (dvk score ghi)", "Tổng điểm 70 dưới điểm đạt 75"),
    # Bình chọn
    ("votes", "model_code"): ("Mã mô hình được bình chọn", "MH001"),
    ("votes", "member"): ("Thành viên hội đồng (trống khi bỏ phiếu kín hoặc dòng ghi số phiếu)", "Nguyễn Văn An"),
    ("votes", "attendance"): ("Có mặt, hoặc vắng và gửi phiếu bằng văn bản (trống: có mặt)", "Có mặt"),
    ("votes", "opinion"): ("Ý kiến của một phiếu", "Đồng ý"),
    ("votes", "agree"): ("Dòng số phiếu: số phiếu đồng ý (thay cho từng phiếu)", "9"),
    ("votes", "disagree"): ("Dòng số phiếu: số phiếu không đồng ý", "1"),
    ("votes", "share"): ("Tỷ lệ phiếu đồng ý của mô hình, % (dvk score ghi)", "90"),
    ("votes", "result"): ("Kết quả bình chọn của mô hình (dvk score ghi)", "Đạt"),
    ("votes", "note"): ("Ghi chú", "Phiếu gửi ngày 07/10"),
    # Vị trí in phôi
    ("blank_layout", "field"): (f"Trường in trên phôi: {', '.join(FIELDS.values())}", "Người nhận"),
    ("blank_layout", "x"): ("Khoảng cách từ mép trái tờ phôi đến đầu dòng chữ (mm)", "40"),
    ("blank_layout", "y"): ("Khoảng cách từ mép trên tờ phôi đến đầu dòng chữ (mm)", "92"),
    ("blank_layout", "width"): ("Bề rộng dòng chữ (mm; trống: theo thể thức)", "217"),
    ("blank_layout", "size"): ("Cỡ chữ (trống: theo thể thức)", "22"),
    ("blank_layout", "align"): ("Căn lề trong bề rộng đó", "Giữa"),
    # Người ký
    ("signers", "code"): ("Mã người ký; Cấu hình “Người ký mặc định” ghi mã này", "NK1"),
    ("signers", "name"): ("Họ và tên người ký", "Nguyễn Văn An"),
    ("signers", "title"): ("Chức vụ, viết hoa như in dưới chữ ký", "PHÓ BÍ THƯ"),
    ("signers", "authority"): ("Quyền hạn ký: TM. (thay mặt), KT. (ký thay), Q. (quyền), TL., TUQ.", "T/M"),
    ("signers", "on_behalf_of"): ("Tập thể lãnh đạo mà người ký thay mặt", "BAN THƯỜNG VỤ"),
    ("signers", "signature_image"): ("Ảnh chữ ký .png, đường dẫn tính từ thư mục của sổ", "anh/chu-ky.png"),
    ("signers", "seal_image"): ("Ảnh con dấu .png, đường dẫn tính từ thư mục của sổ", "anh/con-dau.png"),
    # Nơi nhận
    ("recipients", "kind"): ("Loại văn bản của dòng nơi nhận: tên trong danh sách chọn hoặc mã "
                             "(dvk render --help), * cho mọi loại", "Quyết định công nhận"),
    ("recipients", "text"): ("Một dòng nơi nhận", "Như Điều 3"),
    ("recipients", "order"): ("Thứ tự dòng", "1"),
    # Văn bản (sổ đăng ký văn bản đi; dvk render --cap-so ghi)
    ("documents", "number"): ("Số văn bản", "05"),
    ("documents", "symbol"): ("Ký hiệu", "QĐ-ĐUK"),
    ("documents", "date"): ("Ngày ban hành", "20/11/2025"),
    ("documents", "kind"): ("Loại văn bản", "QĐ"),
    ("documents", "summary"): ("Trích yếu", "Về việc công nhận mô hình, điển hình “Dân vận khéo” năm 2025"),
    ("documents", "signer"): ("Người ký", "Nguyễn Văn An"),
    ("documents", "file"): ("Tệp văn bản đã lập", "dvk-output/Quyết định công nhận/001 - ….docx"),
    ("documents", "signatures"): ("Chữ ký số trên bản PDF: ai ký, lúc nào (dvk ky ghi vào)",
                                  "Người có thẩm quyền: Nguyễn Văn An, 2025-03-05T09:30:15+07:00"),
}


@dataclass(frozen=True)
class ColumnReference:
    """One column (or Cấu hình key) as a clerk reads about it."""

    header: str
    required: bool
    values: str  #: the allowed values, "" when any value of its kind is allowed
    example: str
    meaning: str
    default: str = ""  #: Cấu hình only: what ``dvk init`` writes


def reference(spec: SheetSpec) -> list[ColumnReference]:
    """Every column of ``spec`` (Chấm điểm's TC1 … TC15 as one row), in the order of the sheet."""
    rows = [_column(spec, column) for column in spec.columns]
    if spec.key == "scores":
        at = [c.field for c in spec.columns].index("scorer") + 1
        meaning, example = HELP[("scores", "criteria")]
        tc = ColumnReference(f"{score_header(1)} … {score_header(SCORE_CRITERIA_COUNT)}", False,
                             "số từ 0 đến điểm tối đa", example, meaning)
        rows.insert(at, tc)
    return rows


def column_reference(spec: SheetSpec, field: str) -> ColumnReference:
    """The reference of one column; Chấm điểm's criterion columns ("tc7") share one."""
    if spec.key == "scores" and field.startswith("tc"):
        return reference(spec)[[c.field for c in spec.columns].index("scorer") + 1]
    return _column(spec, spec.column(field))


def header_note(ref: ColumnReference) -> str:
    """The comment on a header cell: what it is, required or not, allowed values, an example."""
    lines = [f"{ref.meaning}.", "Bắt buộc." if ref.required else "Không bắt buộc."]
    if ref.values:
        lines.append(f"Giá trị: {ref.values}.")
    lines.append(f"Ví dụ: {ref.example}")
    return "\n".join(lines)


def markdown() -> str:
    """The column reference of docs/workbook.md, between :data:`BEGIN_MARK` and :data:`END_MARK`."""
    parts = [BEGIN_MARK, ""]
    for spec in SHEETS:
        parts.append(f"### {spec.name}")
        parts.append("")
        if spec.key == SETTINGS.key:
            parts += ["| Mục | Bắt buộc | Giá trị mặc định | Giá trị | Ví dụ | Ý nghĩa |", "|---|---|---|---|---|---|"]
            parts += [f"| {r.header} | {_yes(r.required)} | {_cell(r.default)} | {_cell(r.values)} | "
                      f"{_cell(r.example)} | {_cell(r.meaning)} |" for r in reference(spec)]
        else:
            parts += ["| Cột | Bắt buộc | Giá trị | Ví dụ | Ý nghĩa |", "|---|---|---|---|---|"]
            parts += [f"| {r.header} | {_yes(r.required)} | {_cell(r.values)} | {_cell(r.example)} | "
                      f"{_cell(r.meaning)} |" for r in reference(spec)]
        parts.append("")
    parts.append(END_MARK)
    return "\n".join(parts)


def _column(spec: SheetSpec, column: Column) -> ColumnReference:
    meaning, example = HELP[(spec.key, column.field)]
    default = "" if spec.key != SETTINGS.key or column.default in (None, "") else str(column.default)
    return ColumnReference(column.header, column.required, _values(column), example, meaning, default)


def _values(column: Column) -> str:
    if column.choices:
        listed = "; ".join(CHOICES[column.choices])
        wider = OPEN_CHOICES.get(column.choices)
        return f"{listed} ({wider})" if wider else listed
    return {"date": "ngày dd/mm/yyyy", "int": "số nguyên", "year": "năm (4 chữ số)", "decimal": "số",
            "bool": "Có; Không"}.get(column.kind, "")


def _yes(required: bool) -> str:
    return "có" if required else ""


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
