"""``dvk init --don-vi CODE --from BOOK OUT`` and ``--all DIR``: the issue's spelling of the unit forms."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from dvk_docs.cli import cli


def _unit_cells(path):
    sheet = openpyxl.load_workbook(path).active
    return [str(c.value) for row in sheet.iter_rows(max_row=8) for c in row if c.value is not None]


def test_one_units_form_goes_to_the_named_file(copy_sample, tmp_path):
    book = copy_sample("dang-uy-khoi.xlsx")
    out = tmp_path / "mau-002.xlsx"
    result = CliRunner().invoke(cli, ["init", "--don-vi", "002", "--from", str(book), str(out)])
    assert result.exit_code == 0, result.output
    assert "Đoàn Thanh niên Khối cơ quan và doanh nghiệp tỉnh" in " ".join(_unit_cells(out))
    assert [p.name for p in tmp_path.glob("*.xlsx") if p != book] == ["mau-002.xlsx"]


def test_all_units_forms_go_into_the_folder(copy_sample, tmp_path):
    book = copy_sample("dang-uy-khoi.xlsx")
    folder = tmp_path / "forms"
    result = CliRunner().invoke(cli, ["init", "--all", "--from", str(book), str(folder)])
    assert result.exit_code == 0, result.output
    units = openpyxl.load_workbook(book)["Đơn vị"]
    assert len(list(folder.glob("*.xlsx"))) == sum(1 for r in units.iter_rows(min_row=2) if r[0].value)


def test_don_vi_without_from_says_what_is_missing(tmp_path):
    result = CliRunner().invoke(cli, ["init", "--don-vi", "002", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1
    assert "“--don-vi” và “--all” cần “--from SỔ_CẤP_TRÊN.xlsx”" in result.output
    assert not (tmp_path / "x.xlsx").exists()
