"""A wrong ``dvk`` call is answered in Vietnamese (English in parentheses), exit 64, for every command.

Exit 2 stays "unreadable workbook"; 64 is the command line itself. Each case gives the exact error
line a clerk reads, and where the command is known, the usage line and the help hint above it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dvk_docs.cli import EXIT_USAGE, cli
from dvk_docs.commands import COMMANDS

RENDER_USAGE = ("Cách dùng (usage): dvk render [OPTIONS] KIND BOOK\n"
                "Xem hướng dẫn (help): dvk render --help\n")
ROOT_USAGE = ("Cách dùng (usage): dvk [OPTIONS] COMMAND [ARGS]...\n"
              "Xem hướng dẫn (help): dvk --help\n")
PROFILES = "nha-nuoc, dang, cong-doan"

CASES = [
    ("no-such-command", ["khong-co-lenh"],
     ROOT_USAGE + "Lỗi: Không có lệnh “khong-co-lenh” (no such command).\n"),
    ("command-did-you-mean", ["rendr"],
     ROOT_USAGE + "Lỗi: Không có lệnh “rendr” (no such command). Có phải ý bạn là “render”? (did you mean)\n"),
    ("subcommand-did-you-mean", ["templates", "buidl"],
     "Cách dùng (usage): dvk templates [OPTIONS] COMMAND [ARGS]...\n"
     "Xem hướng dẫn (help): dvk templates --help\n"
     "Lỗi: Không có lệnh “buidl” (no such command). Có phải ý bạn là “build”? (did you mean)\n"),
    ("missing-kind", ["render"],
     RENDER_USAGE + "Lỗi: Thiếu đối số KIND (missing argument): Loại văn bản (document kind).\n"),
    ("missing-book", ["render", "ke-hoach"],
     RENDER_USAGE + "Lỗi: Thiếu đối số BOOK (missing argument): Sổ theo dõi .xlsx/.xlsm (workbook).\n"),
    ("bad-kind", ["render", "ke-hoch", "so.xlsx"],
     RENDER_USAGE + "Lỗi: Giá trị không hợp lệ cho KIND (invalid value): “ke-hoch” không có trong "
     "danh sách: ke-hoach, huong-dan, danh-sach-dang-ky, tong-hop-dang-ky, phieu-cham-diem, "
     "tong-hop-ket-qua, phieu-binh-chon, bien-ban-kiem-phieu, quyet-dinh-cong-nhan, giay-chung-nhan, "
     "phoi-giay-chung-nhan, giay-moi, danh-sach-tuyen-duong, danh-sach-nhan-thuong. Có phải ý bạn là "
     "“ke-hoach”? (did you mean)\n"),
    ("render-profile", ["render", "ke-hoach", "so.xlsx", "--profile", "abc"],
     RENDER_USAGE + f"Lỗi: Giá trị không hợp lệ cho --profile (invalid value): “abc” không có trong danh "
     f"sách: {PROFILES}.\n"),
    ("batch-profile", ["batch", "so.xlsx", "--profile", "abc"],
     "Cách dùng (usage): dvk batch [OPTIONS] BOOK\nXem hướng dẫn (help): dvk batch --help\n"
     f"Lỗi: Giá trị không hợp lệ cho --profile (invalid value): “abc” không có trong danh sách: {PROFILES}.\n"),
    ("profile-accents-did-you-mean", ["batch", "so.xlsx", "--profile", "Nhà nước"],
     "Cách dùng (usage): dvk batch [OPTIONS] BOOK\nXem hướng dẫn (help): dvk batch --help\n"
     f"Lỗi: Giá trị không hợp lệ cho --profile (invalid value): “Nhà nước” không có trong danh sách: "
     f"{PROFILES}. Có phải ý bạn là “nha-nuoc”? (did you mean)\n"),
    ("bad-mode", ["render", "quyet-dinh-cong-nhan", "so.xlsx", "--mode", "theo-donvi"],
     RENDER_USAGE + "Lỗi: Giá trị không hợp lệ cho --mode (invalid value): “theo-donvi” không có trong "
     "danh sách: theo-don-vi, theo-mo-hinh, giay-chung-nhan, giay-khen, can-chinh. Có phải ý bạn là "
     "“theo-don-vi” "
     "hoặc “theo-mo-hinh”? (did you mean)\n"),
    ("no-such-option", ["render", "ke-hoach", "so.xlsx", "--pdff"],
     RENDER_USAGE + "Lỗi: Không có tùy chọn “--pdff” (no such option). Có phải ý bạn là “--pdf”? (did you mean)\n"),
    ("option-needs-value", ["render", "ke-hoach", "so.xlsx", "--out"],
     "Lỗi: Tùy chọn --out cần một giá trị (option requires an argument).\n"),
    ("extra-argument", ["validate", "so", "cu.xlsx"],
     "Cách dùng (usage): dvk validate [OPTIONS] BOOK\nXem hướng dẫn (help): dvk validate --help\n"
     "Lỗi: Thừa đối số: cu.xlsx (unexpected extra argument). Tên tệp có khoảng trắng cần đặt trong ngoặc kép.\n"),
]


@pytest.mark.parametrize(("case", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_usage_errors_are_vietnamese_and_exit_64(case: str, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="dvk")
    assert result.exit_code == EXIT_USAGE == 64
    assert result.stderr == expected
    assert result.stdout == ""


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.needs_book], ids=lambda c: c.name)
def test_every_command_with_a_book_says_which_argument_is_missing(command) -> None:
    result = CliRunner().invoke(cli, command.name.split(" "), prog_name="dvk")
    assert result.exit_code == 64
    missing = "KIND" if command.book_after else "BOOK"
    assert result.stderr.splitlines()[-1].startswith(f"Lỗi: Thiếu đối số {missing} (missing argument): ")


def test_bare_dvk_shows_the_help_and_exits_0() -> None:
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0
    assert "Lập một loại văn bản từ sổ theo dõi" in result.stdout


def test_render_help_lists_every_kind_and_its_modes() -> None:
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    assert ("  Loại văn bản (KIND):\n"
            "    ke-hoach              Kế hoạch\n"
            "    huong-dan             Hướng dẫn\n"
            "    danh-sach-dang-ky     Danh sách đăng ký\n"
            "    tong-hop-dang-ky      Biểu tổng hợp đăng ký\n"
            "    phieu-cham-diem       Biểu chấm điểm\n"
            "    tong-hop-ket-qua      Biểu tổng hợp kết quả\n"
            "    phieu-binh-chon       Phiếu bình chọn\n"
            "    bien-ban-kiem-phieu   Biên bản kiểm phiếu\n"
            "    quyet-dinh-cong-nhan  Quyết định công nhận\n"
            "    giay-chung-nhan       Giấy chứng nhận\n"
            "    phoi-giay-chung-nhan  In trên phôi giấy chứng nhận\n"
            "    giay-moi              Giấy mời\n"
            "    danh-sach-tuyen-duong Danh sách tuyên dương\n"
            "    danh-sach-nhan-thuong Danh sách nhận thưởng\n"
            "\n"
            "  Kiểu lập (--mode), theo loại:\n"
            "    quyet-dinh-cong-nhan  theo-don-vi, theo-mo-hinh\n"
            "    giay-chung-nhan       giay-chung-nhan, giay-khen\n"
            "    phoi-giay-chung-nhan  can-chinh\n"
            "    giay-moi              theo-don-vi\n") in result.stdout


def test_an_unreadable_workbook_still_exits_2_not_64(tmp_path) -> None:
    path = tmp_path / "hong.xlsx"
    path.write_text("không phải Excel")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
