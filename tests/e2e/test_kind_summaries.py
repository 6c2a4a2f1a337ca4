"""Cấu hình “Trích yếu theo loại văn bản”: the clerk's trích yếu in the document, a bad entry an error."""

from __future__ import annotations

import json

import docx
from click.testing import CliRunner

from dvk_docs.cli import cli
from dvk_docs.model import Settings
from dvk_docs.workbook.kind_settings import kind_summaries

from .rules_workbooks import FULL, MODELS, make_book

KEY = "Trích yếu theo loại văn bản"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_the_clerks_summary_is_printed_with_the_year(tmp_path) -> None:
    own = "Quyết định công nhận=Công nhận mô hình “Dân vận khéo” tiêu biểu năm {nam}"
    book = make_book(tmp_path / "so.xlsx", settings={KEY: own},
                     scores=[(m[0], "", FULL) for m in MODELS])
    assert run("score", book).exit_code == 0
    result = run("render", "quyet-dinh-cong-nhan", book, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    (decision,) = (tmp_path / "out" / "Quyết định công nhận").glob("*.docx")
    texts = [p.text for p in docx.Document(str(decision)).paragraphs]
    assert "công nhận mô hình “Dân vận khéo” tiêu biểu năm 2024" in texts  # Đảng: lower-case start
    plan = run("render", "ke-hoach", book, "--out", tmp_path / "out")  # no entry: the program's own
    (document,) = (tmp_path / "out" / "Kế hoạch").glob("*.docx")
    assert plan.exit_code == 0
    assert any("thực hiện phong trào thi đua “Dân vận khéo” năm 2024" in p.text
               for p in docx.Document(str(document)).paragraphs)


def test_a_kind_that_does_not_exist_is_an_error_with_did_you_mean(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx", settings={KEY: "Quyet dinh cong nhan=Về việc X; Ke hoachh=Y"})
    rows = json.loads(run("validate", book, "--json").output)
    [bad] = [r for r in rows if r["code"] == "invalid-setting"]
    assert bad["message"] == ("Trích yếu theo loại văn bản: không có loại văn bản “Ke hoachh”. Có phải "
                              "“Kế hoạch” không? Sửa ô này theo dạng “Loại văn bản=trích yếu”.")
    assert bad["sheet"] == "Cấu hình" and bad["blocks"] == ["render", "batch"]
    refused = run("render", "ke-hoach", book, "--out", tmp_path / "out")
    assert refused.exit_code == 1 and "không có loại văn bản “Ke hoachh”" in refused.output


def test_entries_by_name_or_code_without_the_equals_sign_refused() -> None:
    settings = Settings({"summaries": "quyet-dinh-cong-nhan=A; Giấy chứng nhận = B"})
    assert kind_summaries(settings) == {"quyet-dinh-cong-nhan": "A", "giay-chung-nhan": "B"}
    try:
        kind_summaries(Settings({"summaries": "Kế hoạch"}))
    except ValueError as error:
        assert str(error).startswith("mục “Kế hoạch” không đúng dạng “Loại văn bản=trích yếu”")
    else:
        raise AssertionError("an entry without '=' must be refused")


def test_bad_field_labels_are_a_validate_error_because_render_refuses(tmp_path) -> None:
    book = make_book(tmp_path / "so.xlsx", settings={"Tên cột lĩnh vực": "abc"})
    rows = json.loads(run("validate", book, "--json").output)
    assert [(r["code"], r["message"], r["blocks"]) for r in rows if r["severity"] == "error"] == [
        ("invalid-setting", "Tên cột lĩnh vực: mục “abc” không đúng dạng “Lĩnh vực=tên cột” (ví dụ: Quốc "
         "phòng - an ninh=ANQP). Sửa ô này.", ["render", "batch"])]
    refused = run("render", "danh-sach-dang-ky", book, "--out", tmp_path / "out")
    assert refused.exit_code == 1 and "Tên cột lĩnh vực: mục “abc”" in refused.output
