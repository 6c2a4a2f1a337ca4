"""The ``dvk`` command line: a thin click adapter generated from the command registry.

Nothing here knows what a command does. Each :class:`~dvk_docs.commands.registry.Command` becomes a
click command; a :class:`~dvk_docs.errors.DvkError` is shown in Vietnamese with its exit code, and
any other exception is reported without a traceback (set ``DVK_DEBUG=1`` to see it).

Click's own errors are Vietnamese too, for every command the registry holds: a wrong call (unknown
command or option, missing argument, bad choice; "did you mean …" when a name is close) exits 64,
Ctrl+C exits 130 after the command has cleaned up (staging folders, LibreOffice children).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .commands import COMMANDS
from .commands.registry import BOOK_OPTION, Command, Option, Outcome, Session
from .errors import DvkError
from .vntext import plain_key

EXIT_UNEXPECTED = 70  #: exit code of an unexpected internal error (a bug)
EXIT_USAGE = 64  #: the command line itself is wrong (BSD EX_USAGE; 2 means an unreadable workbook)
EXIT_INTERRUPTED = 130  #: stopped with Ctrl+C (128 + SIGINT)
INTERRUPTED_MESSAGE = "Đã dừng theo yêu cầu (interrupted)."
MAX_LISTED_FILES = 12  #: files listed one per line after a command; the rest are counted


class UserFacingError(click.ClickException):
    """Carries a :class:`DvkError` to click with its exit code and a Vietnamese prefix."""

    def __init__(self, error: DvkError) -> None:
        super().__init__(error.format_message())
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


class _UsageError(click.UsageError):
    """A usage error whose message is already Vietnamese."""


class _Choice(click.Choice):
    """A choice that refuses in Vietnamese and suggests the closest allowed values."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            allowed = ", ".join(map(str, self.choices))
            self.fail(f"“{value}” không có trong danh sách: {allowed}."
                      f"{_did_you_mean(str(value), [str(c) for c in self.choices])}", param, ctx)


class _Int(click.types.IntParamType):
    """An integer that refuses in Vietnamese."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"“{value}” không phải số nguyên (not an integer).", param, ctx)


class _Argument(click.Argument):
    """A positional argument that keeps its help text, for the "missing argument" message."""

    def __init__(self, name: str, help: str, **kwargs: Any) -> None:
        super().__init__([name], **kwargs)
        self.help = help


_TYPES = {"path": click.Path(path_type=Path), "text": click.STRING, "int": _Int()}


class _RegistryOrder(click.Group):
    """A group listing its commands in registry order (the yearly cycle), not alphabetically.

    It answers a wrong call in Vietnamese with exit 64 and Ctrl+C with exit 130, so every command
    the registry adds inherits both.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[Any, ...]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            raise _UsageError(f"Không có lệnh “{name}” (no such command)."
                              f"{_did_you_mean(name, self.list_commands(ctx))}", ctx)
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as shown:  # bare ``dvk`` / ``dvk templates``: the help, not an error
            click.echo(shown.ctx.get_help())
            code = 0
        except click.UsageError as error:
            _show_usage_error(error)
            code = EXIT_USAGE
        except click.ClickException as error:
            error.show()
            code = error.exit_code
        except (click.Abort, KeyboardInterrupt):
            click.echo(INTERRUPTED_MESSAGE, err=True)
            code = EXIT_INTERRUPTED
        sys.exit(code if isinstance(code, int) else 0)


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  #: click >= 8.2


def _show_usage_error(error: click.UsageError) -> None:
    """Usage line, where to find help, and the error — in Vietnamese (English in parentheses)."""
    ctx = error.ctx
    if ctx is not None:
        pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
        click.echo(f"Cách dùng (usage): {ctx.command_path} {pieces}", err=True)
        click.echo(f"Xem hướng dẫn (help): {ctx.command_path} --help", err=True)
    click.echo(f"Lỗi: {_vietnamese(error)}", err=True)


def _vietnamese(error: click.UsageError) -> str:
    """The Vietnamese text of one of click's usage errors."""
    if isinstance(error, _UsageError):
        return error.message
    if isinstance(error, click.NoSuchOption):
        return (f"Không có tùy chọn “{error.option_name}” (no such option)."
                f"{_did_you_mean(error.option_name, error.possibilities or [])}")
    if isinstance(error, click.MissingParameter) and error.param is not None:
        param = error.param
        if isinstance(param, click.Argument):
            help_text = f": {param.help}" if isinstance(param, _Argument) else ""
            return f"Thiếu đối số {param.human_readable_name} (missing argument){help_text}."
        return f"Thiếu tùy chọn {_label(param)} (missing option)."
    if isinstance(error, click.BadParameter):
        where = _label(error.param) if error.param is not None else ""
        return f"Giá trị không hợp lệ cho {where} (invalid value): {error.message}"
    if isinstance(error, click.BadOptionUsage):
        if "requires" in error.message:
            return f"Tùy chọn {error.option_name} cần một giá trị (option requires an argument)."
        if "does not take" in error.message:
            return f"Tùy chọn {error.option_name} không nhận giá trị (option does not take a value)."
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", error.message)
    if extra:
        return (f"Thừa đối số: {extra.group(1)} (unexpected extra argument). "
                "Tên tệp có khoảng trắng cần đặt trong ngoặc kép.")
    return f"Cách gọi lệnh chưa đúng (usage error): {error.format_message()}"


def _label(param: click.Parameter) -> str:
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.human_readable_name


def _did_you_mean(given: str, names: list[str]) -> str:
    """" Có phải ý bạn là “x”?" for the names closest to ``given`` (case and accents ignored)."""
    folded = {_command_key(name): name for name in names}
    close = difflib.get_close_matches(_command_key(given), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return " Có phải ý bạn là " + " hoặc ".join(f"“{folded[c]}”" for c in close) + "? (did you mean)"


def _command_key(text: str) -> str:
    """:func:`plain_key` with spaces as hyphens, as in command names: "Kiểm tra" -> "kiem-tra"."""
    return plain_key(text).replace(" ", "-")


@click.group(
    cls=_RegistryOrder,
    help="dvk-docs: lập văn bản phong trào “Dân vận khéo” từ sổ theo dõi Excel "
    "(Dân vận khéo documents from one Excel workbook).",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="dvk-docs", message="dvk-docs %(version)s")
def cli() -> None:
    """Root group; sub-commands come from the registry."""


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``dvk`` script."""
    _use_utf8_console()
    try:
        cli.main(args=argv, prog_name="dvk", standalone_mode=True)
    except Exception as error:  # boundary: never show a traceback to a clerk
        if os.environ.get("DVK_DEBUG"):
            raise
        click.echo(f"Lỗi ngoài dự kiến: {error!r}. Chạy lại với DVK_DEBUG=1 để xem chi tiết.", err=True)
        sys.exit(EXIT_UNEXPECTED)


def make_click_command(command: Command) -> click.Command:
    """Build the click command for one registry entry."""

    def callback(**kwargs: Any) -> None:
        from .workbook.sources import FileSource  # local: keeps ``dvk --help`` fast

        progress = _ProgressBar()
        session = Session(progress=progress, ask_secret=_ask_secret)
        book = kwargs.pop("book", None) if command.takes_book else None
        if book is not None:
            session.source = FileSource(Path(book))
        as_json = kwargs.pop("as_json", False)
        try:
            with progress:
                outcome = command.run(session, **kwargs)
        except DvkError as error:
            raise UserFacingError(error) from error
        _show(outcome, as_json)
        sys.exit(outcome.exit_code)

    params = [_make_param(option) for option in _options_of(command)]
    name = command.name.split(" ")[-1]
    return click.Command(name, callback=callback, params=params, help=command.help)


def _options_of(command: Command) -> list[Option]:
    options = list(command.options)
    if command.needs_book:
        options.insert(command.book_after, BOOK_OPTION)
    elif command.book_flag:
        options.append(replace(BOOK_OPTION, flags=(command.book_flag,), required=False))
    return options


def _ask_secret(prompt: str) -> str:
    """A PIN or password typed without showing it."""
    return click.prompt(prompt, hide_input=True, err=True)


def _make_param(option: Option) -> click.Parameter:
    click_type = _Choice(option.choices) if option.type == "choice" else _TYPES.get(option.type)
    if not option.flags:
        return _Argument(option.name, option.help, type=click_type or click.STRING, required=option.required,
                         metavar=option.name.upper())
    if option.type == "flag":
        return click.Option([*option.flags, option.name], is_flag=True, default=bool(option.default),
                            help=option.help)
    default = {} if option.default is None else {"default": option.default}  # click 8.3: None is a value
    return click.Option([*option.flags, option.name], type=click_type, required=option.required,
                        help=option.help, show_default=option.default is not None, **default)


def _show(outcome: Outcome, as_json: bool) -> None:
    if as_json:
        report = outcome.data if outcome.data is not None else [f.to_dict() for f in outcome.findings]
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    if outcome.findings:
        _print_findings(outcome)
    for line in outcome.details:
        click.echo(line)
    for path in outcome.files[:MAX_LISTED_FILES]:
        click.echo(f"  {path}")
    if len(outcome.files) > MAX_LISTED_FILES:
        click.echo(f"  … và {len(outcome.files) - MAX_LISTED_FILES} tệp khác.")
    if outcome.message:
        click.echo(outcome.message)


def _print_findings(outcome: Outcome) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("Mức", "Sheet", "Ô", "Mã", "Nội dung", "Chặn lệnh", show_lines=False)
    for f in outcome.findings:
        level = "[red]Lỗi[/red]" if f.is_error else "[yellow]Cảnh báo[/yellow]"
        table.add_row(level, f.sheet, f.cell or "", f.code, f.message, ", ".join(f.blocks))
    Console(soft_wrap=False, width=max(120, Console().width)).print(table)


class _ProgressBar:
    """A rich progress bar that only appears for work with more than one step."""

    def __init__(self) -> None:
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, done: int, total: int, what: str) -> None:
        if total <= 1 or not sys.stderr.isatty():
            return
        if self._progress is None:
            from rich.progress import Progress

            self._progress = Progress(transient=True)
            self._progress.start()
            self._task = self._progress.add_task(what, total=total)
        self._progress.update(self._task, completed=done, total=total, description=what)


def _use_utf8_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            reconfigure(encoding="utf-8", errors="replace")


def _register_all() -> None:
    groups: dict[str, click.Group] = {}
    for command in COMMANDS:
        parts = command.name.split(" ")
        parent: click.Group = cli
        if len(parts) == 2:
            if parts[0] not in groups:
                groups[parts[0]] = _RegistryOrder(parts[0], help=_GROUP_HELP.get(parts[0], ""))
                cli.add_command(groups[parts[0]])
            parent = groups[parts[0]]
        parent.add_command(make_click_command(command))


_GROUP_HELP = {  #: help of the command groups
    "templates": "Mẫu văn bản Word: tạo lại, chép ra để sửa, kiểm tra (Word templates: build, copy, check).",
    "addin": "Add-in Excel “Dân vận khéo”: tạo, cài, gỡ (Excel add-in: build, install, uninstall).",
}

_register_all()
