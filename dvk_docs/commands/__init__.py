"""The command registry: every ``dvk`` command and every ribbon button, one entry each.

The CLI, the ribbon XML and the Excel entry point are generated from :data:`COMMANDS` and
:data:`BUTTONS`. To add a command, define it in a module of this package and list it here; to add a
ribbon button, add one :class:`Button` line.
"""

from __future__ import annotations

from .addin import COMMANDS as _addin
from .batch import COMMANDS as _batch
from .data import COMMANDS as _data
from .demo import COMMANDS as _demo
from .documents import COMMANDS as _documents
from .gather import COMMANDS as _gather
from .registry import Button, Command
from .rules import COMMANDS as _rules
from .signing import COMMANDS as _signing

COMMANDS: tuple[Command, ...] = (  #: every ``dvk`` sub-command, in help order
    *_data,
    *_rules,
    *_gather,
    *_documents,
    *_batch,
    *_signing,
    *_demo,
    *_addin,
)

BUTTONS: tuple[Button, ...] = (  #: the "Dân vận khéo" ribbon tab, group by group, in order
    Button("init", "Tạo sổ mới", "Dữ liệu", "FileNew", "init"),
    Button("validate", "Kiểm tra dữ liệu", "Dữ liệu", "AcceptInvitation", "validate"),
    Button("fix_text", "Sửa mã chữ", "Dữ liệu", "SpellingAndGrammar", "fix-text"),
    Button("forms_out", "Phát mẫu cho đơn vị", "Đăng ký", "MailMergeStartLetters", "init-forms"),
    Button("registration_list", "Danh sách đăng ký", "Đăng ký", "TableInsert", "render",
           (("kind", "danh-sach-dang-ky"),)),
    Button("registration_summary", "Tổng hợp đăng ký", "Đăng ký", "PivotTableReport", "render",
           (("kind", "tong-hop-dang-ky"),)),
    Button("gather", "Tổng hợp từ các đơn vị", "Đăng ký", "ImportExcel", "gom"),
    Button("score_sheets", "Phiếu chấm điểm", "Chấm điểm", "FormControlCheckBox", "render",
           (("kind", "phieu-cham-diem"),)),
    Button("score", "Tính điểm và xét công nhận", "Chấm điểm", "AutoSum", "score"),
    Button("ballot", "Phiếu bình chọn", "Bình chọn", "FormControlCheckBox", "render",
           (("kind", "phieu-binh-chon"),)),
    Button("tally_minutes", "Biên bản kiểm phiếu", "Bình chọn", "FileSaveAsWordDocx", "render",
           (("kind", "bien-ban-kiem-phieu"),)),
    Button("decision", "Quyết định", "Công nhận", "FileSaveAsWordDocx", "render",
           (("kind", "quyet-dinh-cong-nhan"),)),
    Button("certificates", "Giấy chứng nhận", "Công nhận", "PictureInsertFromFile", "render",
           (("kind", "giay-chung-nhan"),)),
    Button("results_summary", "Tổng hợp kết quả", "Công nhận", "ChartInsert", "render",
           (("kind", "tong-hop-ket-qua"),)),
    Button("blank_print", "In trên phôi", "Công nhận", "PictureInsertFromFile", "render",
           (("kind", "phoi-giay-chung-nhan"), ("print_file", True))),
    Button("blank_calibration", "Trang căn chỉnh phôi", "Công nhận", "FileProperties", "render",
           (("kind", "phoi-giay-chung-nhan"), ("mode", "can-chinh"))),
    Button("ceremony_list", "Danh sách tuyên dương", "Tuyên dương", "TableInsert", "render",
           (("kind", "danh-sach-tuyen-duong"),)),
    Button("invitations", "Giấy mời", "Tuyên dương", "MailMergeStartLetters", "render",
           (("kind", "giay-moi"),)),
    Button("receipt_list", "Danh sách nhận thưởng", "Tuyên dương", "AutoSum", "render",
           (("kind", "danh-sach-nhan-thuong"),)),
    Button("plan", "Kế hoạch", "Văn bản", "FileNewDefault", "render", (("kind", "ke-hoach"),)),
    Button("guidance", "Hướng dẫn", "Văn bản", "FileProperties", "render", (("kind", "huong-dan"),)),
    Button("export_pdf", "Xuất PDF", "Văn bản", "FileSaveAsPdfOrXps", "batch", (("pdf", True),)),
    Button("open_output", "Mở thư mục kết quả", "Văn bản", "FileOpen", "open-output"),
    Button("user_guide", "Hướng dẫn sử dụng", "Văn bản", "Help", "guide"),
    Button("export_pdf_signing", "Xuất PDF để ký số", "Ký số", "FileSaveAsPdfOrXps", "batch",
           (("pdf", True), ("ky_so", True))),
    Button("sign_signer", "Người ký ký số", "Ký số", "FileAddDigitalSignature", "ky",
           (("vai", "nguoi-ky"),)),
    Button("sign_body", "Cơ quan ký số", "Ký số", "SignatureLineInsert", "ky", (("vai", "co-quan"),)),
    Button("verify_signatures", "Kiểm tra chữ ký số", "Ký số", "FileViewDigitalSignatures", "kiem-tra-chu-ky"),
)


def find_command(name: str) -> Command:
    """The registered command called ``name`` (e.g. ``"validate"``, ``"addin build"``)."""
    for command in COMMANDS:
        if command.name == name:
            return command
    raise KeyError(f"no command named {name!r}")
