"""The ``dvk`` entry point: click's own exits pass through, anything unexpected is one Vietnamese line."""

from __future__ import annotations

import pytest

from dvk_docs import cli


def test_click_exits_pass_through_with_their_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("dvk-docs ")
    with pytest.raises(SystemExit) as caught:
        cli.main(["khong-co-lenh"])
    assert caught.value.code == 64


def test_an_unexpected_error_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.delenv("DVK_DEBUG", raising=False)
    monkeypatch.setattr(cli.cli, "main", broken)
    with pytest.raises(SystemExit) as caught:
        cli.main([])
    assert caught.value.code == cli.EXIT_UNEXPECTED == 70
    err = capsys.readouterr().err
    assert err == ("Lỗi ngoài dự kiến: RuntimeError('hỏng'). Chạy lại với DVK_DEBUG=1 để xem chi tiết.\n")


def test_dvk_debug_shows_the_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setenv("DVK_DEBUG", "1")
    monkeypatch.setattr(cli.cli, "main", broken)
    with pytest.raises(RuntimeError, match="hỏng"):
        cli.main([])
