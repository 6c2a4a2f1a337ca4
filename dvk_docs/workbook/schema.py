"""The workbook's shape in one table: Vietnamese sheet and header names ↔ English field names.

Everything that reads, creates or checks a workbook (reader, ``dvk init``, samples, validation, the
units' forms) takes sheet names, headers, value kinds and drop-down lists from here. Headers are
matched by :func:`header_key` (case, spacing, NFC/NFD and "hòa/hoà" tone placement do not matter);
``aliases`` lists other names clerks use for the same column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..vntext.normalize import fold_key

ValueKind = Literal["text", "id", "int", "year", "decimal", "date", "bool", "list"]


@dataclass(frozen=True)
class Column:
    """One column of a data sheet (or one key of Cấu hình)."""

    field: str  #: ASCII name used in code and templates
    header: str  #: Vietnamese header written by ``dvk init``
    kind: ValueKind = "text"
    required: bool = False
    choices: str | None = None  #: name of a list in :data:`CHOICES` (drop-down and validation)
    width: int = 16
    aliases: tuple[str, ...] = ()
    default: object = None  #: Cấu hình only: value written by ``dvk init``
    note: str = ""  #: Cấu hình only: explanation shown beside the value


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its key in code, its Vietnamese name, its columns."""

    key: str
    name: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)


PROFILE_CHOICES = {"Nhà nước": "nha-nuoc", "Đảng": "dang", "Công đoàn": "cong-doan"}  #: label -> id

CHOICES: dict[str, tuple[str, ...]] = {  #: drop-down lists of coded columns (defaults; see Cấu hình)
    "profile": tuple(PROFILE_CHOICES),
    "subject": ("Tập thể", "Cá nhân"),
    "status": ("Mới", "Duy trì"),
    "category": ("Mô hình", "Điển hình"),
    "result": ("Đạt", "Không đạt"),
    "authority": ("TM.", "KT.", "Q.", "TL.", "TUQ.", "T/M", "K/T"),
    "field": (
        "Kinh tế",
        "Văn hóa - xã hội",
        "Quốc phòng - an ninh",
        "Xây dựng Đảng và hệ thống chính trị",
        "Xây dựng nông thôn mới",
        "Đô thị văn minh",
    ),
    "unit_kind": (
        "Đoàn thể",
        "Đảng bộ cơ sở",
        "Chi bộ cơ sở",
        "LĐLĐ huyện",
        "Công đoàn ngành",
        "Công đoàn cơ sở",
        "Phòng, ban",
        "Xã, phường",
    ),
    "criterion_group": ("I", "II.1", "II.2"),
    "yes_no": ("Có", "Không"),
    "numbering_scope": ("Chung", "Riêng từng loại"),
    "document_kind": (  #: Nơi nhận › Loại văn bản: "*" (every document) or a kind's printed name
        "*", "Kế hoạch", "Hướng dẫn", "Danh sách đăng ký", "Biểu tổng hợp đăng ký", "Biểu chấm điểm",
        "Biểu tổng hợp kết quả", "Phiếu bình chọn", "Biên bản kiểm phiếu", "Quyết định công nhận",
        "Giấy chứng nhận", "In trên phôi giấy chứng nhận", "Giấy mời", "Danh sách tuyên dương",
        "Danh sách nhận thưởng",
    ),
    "attendance": ("Có mặt", "Vắng, gửi phiếu"),
    "opinion": ("Đồng ý", "Không đồng ý"),
    "vote_base": ("Tổng số thành viên", "Thành viên có mặt"),
    "stage_group_by": ("Đơn vị", "Lĩnh vực"),
    "alignment": ("Trái", "Giữa", "Phải"),
}

DEFAULT_KIND_TARGETS = (  #: "Chỉ tiêu theo loại đơn vị" written by dvk init (seeds 003 and 000)
    "Đoàn thể=5; Đảng bộ cơ sở=2; Chi bộ cơ sở=1; LĐLĐ huyện=3; Công đoàn ngành=2"
)

SETTINGS = SheetSpec(  #: Cấu hình: one key per row, columns "Mục" (label) and "Giá trị"
    "settings",
    "Cấu hình",
    (
        Column("profile", "Thể thức văn bản", choices="profile", required=True, default="Nhà nước",
               note="Nhà nước (NĐ 30/2020), Đảng (HD 36-HD/VPTW) hoặc Công đoàn (QĐ 933/QĐ-TLĐ)"),
        Column("parent_body", "Cơ quan cấp trên", default="",
               note="Dòng trên của tiêu đề, viết hoa, ví dụ: ĐẢNG BỘ TỈNH YÊN BÁI"),
        Column("issuing_body", "Cơ quan ban hành", required=True, default="",
               note="Viết hoa, ví dụ: ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"),
        Column("issuing_abbr", "Viết tắt cơ quan ban hành", required=True, default="",
               note="Dùng trong ký hiệu văn bản, ví dụ: UBND, ĐUK, LĐLĐ"),
        Column("issuer_name", "Tên cơ quan ban hành (viết thường)", default="",
               note="Dùng trong câu “Kèm theo Quyết định số … của …”, ví dụ: Ban Thường vụ Đảng ủy Khối"),
        Column("place", "Địa danh", required=True, default="", note="Dòng địa danh, ngày tháng"),
        Column("year", "Năm", kind="year", required=True, default=None),
        Column("decider", "Chủ thể quyết định", default="",
               note="Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN / BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI"),
        Column("legal_bases", "Căn cứ", default="",
               note="Mỗi dòng một căn cứ (xuống dòng trong ô bằng Alt+Enter)"),
        Column("advisory_body", "Cơ quan tham mưu", default="",
               note="Theo đề nghị của …, ví dụ: Trưởng Ban Tuyên giáo"),
        Column("default_signer", "Người ký mặc định", kind="id", default="",
               note="Mã người ký trong sheet Người ký"),
        Column("registration_deadline", "Hạn đăng ký", kind="date", default=None),
        Column("report_deadline", "Hạn báo cáo", kind="date", default=None),
        Column("pass_threshold", "Điểm đạt", kind="decimal", default=75,
               note="Tổng điểm tối thiểu để mô hình đạt"),
        Column("kind_targets", "Chỉ tiêu theo loại đơn vị", default=DEFAULT_KIND_TARGETS,
               note="Loại=số mô hình tối thiểu; cách nhau bằng dấu ;"),
        Column("fields", "Danh mục lĩnh vực", kind="list", default="; ".join(CHOICES["field"])),
        Column("field_labels", "Tên cột lĩnh vực", kind="list", default="",
               note="Tên ngắn của cột lĩnh vực trong danh sách đăng ký, dạng Lĩnh vực=tên cột, cách nhau "
               "bằng dấu ;, ví dụ: Quốc phòng - an ninh=ANQP. Lĩnh vực không ghi ở đây được viết tắt "
               "tự động (Văn hóa - xã hội → VH-XH)"),
        Column("base_salary", "Mức lương cơ sở", kind="decimal", default=2340000,
               note="đồng; dùng tính tiền thưởng"),
        Column("prize_coefficient_collective", "Hệ số thưởng tập thể", kind="decimal", default=1.0),
        Column("prize_coefficient_individual", "Hệ số thưởng cá nhân", kind="decimal", default=0.3),
        Column("award", "Khen thưởng kèm quyết định", choices="yes_no", default="Không"),
        Column("council_name", "Hội đồng bình chọn", default="",
               note="Ví dụ: Hội đồng Thi đua - Khen thưởng; để trống: Ban Thường vụ theo cơ quan ban hành"),
        Column("council_members", "Số thành viên hội đồng", kind="int", default=None,
               note="Tổng số thành viên của hội đồng bình chọn (cần khi có sheet Bình chọn)"),
        Column("council_present", "Số thành viên có mặt", kind="int", default=None,
               note="Để trống: đếm các thành viên “Có mặt” ghi tên trong sheet Bình chọn"),
        Column("vote_threshold", "Tỷ lệ phiếu đồng ý", kind="decimal", default=90,
               note="%; mô hình đạt khi số phiếu đồng ý chiếm từ tỷ lệ này trở lên"),
        Column("vote_base", "Tính tỷ lệ trên", choices="vote_base", default="Tổng số thành viên",
               note="Tổng số thành viên (NĐ 91/2017, Điều 45) hoặc Thành viên có mặt"),
        Column("written_votes", "Tính phiếu bằng văn bản", choices="yes_no", default="Có",
               note="Có: phiếu của thành viên vắng mặt gửi bằng văn bản được tính như phiếu tại cuộc họp"),
        Column("vote_date", "Ngày họp bình chọn", kind="date", default=None),
        Column("tally_board", "Ban kiểm phiếu", kind="list", default="",
               note="Họ tên - chức danh, cách nhau bằng dấu ;, ví dụ: Nguyễn Văn A - Trưởng ban; "
               "Trần Thị B - Thành viên"),
        Column("logo_image", "Ảnh biểu trưng", default="",
               note="Ảnh PNG biểu trưng, lô-gô của cơ quan in trên giấy chứng nhận, giấy khen, giấy mời "
               "(đường dẫn tính từ thư mục của sổ); để trống: không in"),
        Column("ceremony_time", "Thời gian lễ tuyên dương", default="",
               note="Ví dụ: 08 giờ 00, thứ Ba, ngày 15/10/2024 (in trên giấy mời)"),
        Column("ceremony_place", "Địa điểm lễ tuyên dương", default="",
               note="Ví dụ: Hội trường Tỉnh ủy, số 1 đường Hoàng Hoa Thám"),
        Column("stage_group_size", "Số người mỗi lượt lên sân khấu", kind="int", default=10),
        Column("stage_group_by", "Chia lượt theo", choices="stage_group_by", default="Đơn vị",
               note="Đơn vị hoặc Lĩnh vực: mỗi lượt lên sân khấu gồm những người cùng đơn vị/lĩnh vực"),
        Column("blank_offset_x", "Dịch phôi sang phải (mm)", kind="decimal", default=0,
               note="In trên phôi: dịch mọi dòng chữ sang phải (số âm: sang trái) cho máy in này"),
        Column("blank_offset_y", "Dịch phôi xuống dưới (mm)", kind="decimal", default=0,
               note="In trên phôi: dịch mọi dòng chữ xuống dưới (số âm: lên trên)"),
        Column("decision_number", "Số quyết định công nhận", kind="id", default=""),
        Column("decision_date", "Ngày quyết định công nhận", kind="date", default=None),
        Column("plan_number", "Số kế hoạch", kind="id", default="",
               note="Số của Kế hoạch (để trống cho văn thư ghi tay)"),
        Column("plan_date", "Ngày kế hoạch", kind="date", default=None),
        Column("guidance_number", "Số hướng dẫn", kind="id", default=""),
        Column("guidance_date", "Ngày hướng dẫn", kind="date", default=None),
        Column("numbering_scope", "Đánh số văn bản", choices="numbering_scope", default="",
               note="Chung: một dãy số cho mọi loại; Riêng từng loại: mỗi loại một dãy; "
               "để trống: Nhà nước, Công đoàn chung, Đảng riêng"),
        Column("term_start", "Ngày bắt đầu nhiệm kỳ", kind="date", default=None,
               note="Thể thức Đảng: số văn bản đánh liên tục trong nhiệm kỳ, từ ngày này"),
        Column("output_dir", "Thư mục kết quả", default="dvk-output"),
        Column("signing_p12", "Tệp khóa ký số", default="",
               note="Tệp .p12/.pfx của chứng thư số (nếu không dùng USB token); dvk ky --p12"),
        Column("signing_pkcs11", "Thư viện token ký số", default="",
               note="Đường dẫn thư viện PKCS#11 của USB token do nhà cung cấp cài, ví dụ "
               "C:\\Windows\\System32\\<tên>.dll; dvk ky --pkcs11"),
        Column("signing_key_label", "Nhãn khóa ký số", default="",
               note="Để trống khi token chỉ có một khóa; dvk ky --key-label"),
        Column("signing_tsa", "Máy chủ dấu thời gian", default="",
               note="Địa chỉ TSA của nhà cung cấp chữ ký số; có thì chữ ký mang dấu thời gian (PAdES B-T)"),
        Column("templates_dir", "Thư mục mẫu riêng", default="",
               note="Thư mục chứa mẫu Word đã sửa; để trống để dùng mẫu có sẵn"),
        Column("batch_kinds", "Văn bản cần lập", kind="list", default=""),
        Column("attached_forms", "Kèm biểu mẫu", kind="list", default="Kế hoạch; Hướng dẫn",
               note="Các loại văn bản in kèm biểu mẫu (Kế hoạch: ba phụ lục; Hướng dẫn: mẫu danh sách "
               "đăng ký), cách nhau bằng ;. Bỏ một loại khỏi đây thì văn bản đó kết thúc ở chữ ký"),
        Column("summaries", "Trích yếu theo loại văn bản", kind="list", default="",
               note="Mỗi mục “Loại văn bản=trích yếu”, cách nhau bằng ; hoặc xuống dòng; {nam} là năm. "
               "Loại không ghi ở đây dùng trích yếu có sẵn"),
        Column("filename_pattern", "Mẫu tên tệp", default="{stt:03d} - {don_vi} - {ten}"),
        Column("sort_names", "Sắp xếp theo tên", choices="yes_no", default="Không",
               note="Có: danh sách xếp theo tên (tên, tên đệm, họ)"),
    ),
    aliases=("Cau hinh", "Thiết lập"),
)

UNITS = SheetSpec(
    "units",
    "Đơn vị",
    (
        Column("code", "Mã đơn vị", kind="id", required=True, width=12),
        Column("name", "Tên đơn vị", required=True, width=40),
        Column("kind", "Loại đơn vị", choices="unit_kind", width=18),
        Column("target", "Chỉ tiêu mô hình", kind="int", width=10,
               aliases=("Chỉ tiêu",)),
    ),
)

MODELS = SheetSpec(
    "models",
    "Mô hình",
    (
        Column("code", "Mã mô hình", kind="id", required=True, width=12),
        Column("unit_code", "Mã đơn vị", kind="id", required=True, width=12),
        Column("name", "Tên mô hình", required=True, width=45,
               aliases=("Tên mô hình, điển hình", "Tên mô hình hoặc điển hình")),
        Column("subject", "Chủ thể", choices="subject", required=True, width=10,
               aliases=("Chủ thể thực hiện",)),
        Column("performer", "Tập thể/cá nhân thực hiện", width=30,
               aliases=("Tên tập thể, cá nhân", "Tập thể, cá nhân thực hiện",
                        "Tên tập thể hoặc cá nhân xây dựng mô hình điển hình")),
        Column("field", "Lĩnh vực", choices="field", required=True, width=22),
        Column("place", "Địa điểm", width=25, aliases=("Địa điểm xây dựng, triển khai",)),
        Column("lead", "Chủ trì", width=20),
        Column("scale", "Quy mô", width=20, aliases=("Quy mô thực hiện",)),
        Column("status", "Mới/Duy trì", choices="status", required=True, width=11,
               aliases=("Xây dựng mới/duy trì", "Tình trạng")),
        Column("registered_on", "Ngày đăng ký", kind="date", width=12),
        Column("quantity", "Số lượng", kind="int", width=8),
        Column("category", "Loại", choices="category", width=11),
        Column("results_summary", "Tóm tắt kết quả", width=40,
               aliases=("Tóm tắt quy mô, kết quả cụ thể đạt được",)),
        Column("note", "Ghi chú", width=20),
        Column("source", "Nguồn", width=40),  # written by ``dvk gom``: file, sheet and row
    ),
)

CRITERIA = SheetSpec(
    "criteria",
    "Tiêu chí",
    (
        Column("number", "Số", kind="int", required=True, width=6, aliases=("STT", "Tiêu chí số")),
        Column("group", "Nhóm", choices="criterion_group", required=True, width=8),
        Column("text", "Nội dung tiêu chí", required=True, width=80, aliases=("Tiêu chí",)),
        Column("maximum", "Điểm tối đa", kind="decimal", required=True, width=10),
        Column("must_be_max", "Phải đạt tối đa", kind="bool", choices="yes_no", width=10),
    ),
)

SCORES = SheetSpec(  #: criterion columns are "TC1" … "TC15" (or "Tiêu chí 1"…), found by number
    "scores",
    "Chấm điểm",
    (
        Column("model_code", "Mã mô hình", kind="id", required=True, width=12),
        Column("scorer", "Người chấm", width=18),
        Column("total", "Tổng điểm", kind="decimal", width=10),
        Column("result", "Kết quả", choices="result", width=11),
        Column("reason", "Lý do", width=50),
    ),
)

VOTES = SheetSpec(  #: one row per ballot (member + opinion) or per count (Số phiếu …) of a model
    "votes",
    "Bình chọn",
    (
        Column("model_code", "Mã mô hình", kind="id", required=True, width=12),
        Column("member", "Thành viên hội đồng", width=25, aliases=("Thành viên",)),
        Column("attendance", "Hình thức", choices="attendance", width=16),
        Column("opinion", "Ý kiến", choices="opinion", width=14),
        Column("agree", "Số phiếu đồng ý", kind="int", width=10),
        Column("disagree", "Số phiếu không đồng ý", kind="int", width=10),
        Column("share", "Tỷ lệ đồng ý (%)", kind="decimal", width=10),
        Column("result", "Kết quả bình chọn", width=14),
        Column("note", "Ghi chú", width=30),
    ),
    aliases=("Binh chon", "Bình xét", "Bỏ phiếu"),
)

BLANK_LAYOUT = SheetSpec(  #: where each text of a certificate goes on a pre-printed blank (phôi)
    "blank_layout",
    "Vị trí in phôi",
    (
        Column("field", "Trường", required=True, width=22),
        Column("x", "X (mm)", kind="decimal", required=True, width=9),
        Column("y", "Y (mm)", kind="decimal", required=True, width=9),
        Column("width", "Rộng (mm)", kind="decimal", width=10),
        Column("size", "Cỡ chữ", kind="decimal", width=8),
        Column("align", "Căn lề", choices="alignment", width=9),
    ),
    aliases=("Vi tri in phoi", "In phôi"),
)

SIGNERS = SheetSpec(
    "signers",
    "Người ký",
    (
        Column("code", "Mã", kind="id", required=True, width=8),
        Column("name", "Họ và tên", required=True, width=25),
        Column("title", "Chức vụ", required=True, width=22),
        Column("authority", "Quyền hạn ký", choices="authority", width=10,
               aliases=("Thẩm quyền ký",)),
        Column("on_behalf_of", "Ký thay mặt", width=28, aliases=("Tập thể lãnh đạo",)),
        Column("signature_image", "Ảnh chữ ký", width=20),
        Column("seal_image", "Ảnh con dấu", width=20),
    ),
)

RECIPIENTS = SheetSpec(
    "recipients",
    "Nơi nhận",
    (
        Column("kind", "Loại văn bản", required=True, width=22, choices="document_kind"),
        Column("text", "Nơi nhận", required=True, width=50),
        Column("order", "Thứ tự", kind="int", width=8),
    ),
)

DOCUMENTS = SheetSpec(
    "documents",
    "Văn bản",
    (
        Column("number", "Số", kind="id", width=8),
        Column("symbol", "Ký hiệu", width=16),
        Column("date", "Ngày ban hành", kind="date", width=12),
        Column("kind", "Loại văn bản", width=22),
        Column("summary", "Trích yếu", width=50),
        Column("signer", "Người ký", width=20),
        Column("file", "Tệp", width=40),
        Column("signatures", "Ký số", width=50),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (  #: every sheet of the workbook, in the order dvk init writes them
    SETTINGS, UNITS, MODELS, CRITERIA, SCORES, VOTES, SIGNERS, RECIPIENTS, DOCUMENTS, BLANK_LAYOUT,
)

SCORE_COLUMN_PREFIXES = ("TC", "Tiêu chí", "TC ")  #: a Chấm điểm column "TC7" holds criterion 7
SCORE_CRITERIA_COUNT = 15  #: criterion columns TC1 … TC15 written by ``dvk init``
SCORE_CRITERIA_AFTER = "scorer"  #: ``dvk init`` puts the criterion columns after this field
REQUIRED_SHEETS = ("settings", "units", "models")  #: sheets a workbook must have; others may be absent

SETTINGS_TABLE = (  #: the columns of Cấu hình itself: one setting per row
    Column("label", "Mục", required=True, width=30, aliases=("Tham số", "Tên mục")),
    Column("value", "Giá trị", required=True, width=45),
    Column("note", "Ghi chú", width=60),
)

CHOICES_SHEET = "Danh mục"  #: hidden sheet holding drop-down lists too long for a cell's own list


def score_field(number: int) -> str:
    """The field name of the Chấm điểm column of criterion ``number`` ("tc7"), for CellUpdate."""
    return f"tc{number}"


def score_header(number: int) -> str:
    """The Vietnamese header ``dvk init`` writes for criterion ``number``: "TC7"."""
    return f"TC{number}"


def sheet_columns(spec: SheetSpec) -> tuple[Column, ...]:
    """The columns ``dvk init`` writes for ``spec``: Chấm điểm gets TC1 … TC15 after "Người chấm"."""
    if spec.key != "scores":
        return spec.columns
    fields = [c.field for c in spec.columns]
    at = fields.index(SCORE_CRITERIA_AFTER) + 1
    criteria = tuple(
        Column(score_field(n), score_header(n), kind="decimal", width=6)
        for n in range(1, SCORE_CRITERIA_COUNT + 1)
    )
    return spec.columns[:at] + criteria + spec.columns[at:]


def criterion_number(header: object) -> int | None:
    """The criterion number a Chấm điểm header stands for ("TC7", "Tiêu chí 7" -> 7), else None."""
    match = _NUMBERED.fullmatch(header_key(header))
    if match is None or match.group(1) not in _SCORE_PREFIX_KEYS:
        return None
    return int(match.group(2))


def header_key(text: object) -> str:
    """The comparison key of a header: see :func:`dvk_docs.vntext.normalize.fold_key`."""
    return fold_key(str(text or ""))


def sheet_spec(key: str) -> SheetSpec:
    """The :class:`SheetSpec` whose ``key`` is ``key``."""
    return next(s for s in SHEETS if s.key == key)


_NUMBERED = re.compile(r"(\D+?)(\d+)")
_SCORE_PREFIX_KEYS = frozenset(header_key(p) for p in SCORE_COLUMN_PREFIXES)
