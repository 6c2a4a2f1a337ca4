"""The ``dvk`` command line: a thin click adapter generated from the command registry.

Nothing here knows what a command does. Each :class:`~dvk_docs.commands.registry.Command` becomes a
click command; a :class:`~dvk_docs.errors.DvkError` is shown in Vietnamese with its exit code, and
any other exception is reported without a traceback (set ``DVK_DEBUG=1`` to see it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .commands import COMMANDS
from .commands.registry import BOOK_OPTION, Command, Option, Outcome, Session
from .errors import DvkError

EXIT_UNEXPECTED = 70  #: exit code of an unexpected internal error (a bug)
MAX_LISTED_FILES = 12  #: files listed one per line after a command; the rest are counted

_TYPES = {"path": click.Path(path_type=Path), "text": click.STRING, "int": click.INT}


class UserFacingError(click.ClickException):
    """Carries a :class:`DvkError` to click with its exit code and a Vietnamese prefix."""

    def __init__(self, error: DvkError) -> None:
        super().__init__(error.format_message())
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True)


class _RegistryOrder(click.Group):
    """A group listing its commands in registry order (the yearly cycle), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


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
        session = Session(progress=progress)
        if command.needs_book:
            session.source = FileSource(Path(kwargs.pop("book")))
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
    return options


def _make_param(option: Option) -> click.Parameter:
    if not option.flags:
        return click.Argument([option.name], type=_TYPES.get(option.type, click.STRING),
                              required=option.required)
    if option.type == "flag":
        return click.Option([*option.flags, option.name], is_flag=True, default=bool(option.default),
                            help=option.help)
    click_type = click.Choice(option.choices) if option.type == "choice" else _TYPES[option.type]
    return click.Option([*option.flags, option.name], type=click_type, default=option.default,
                        required=option.required, help=option.help, show_default=option.default is not None)


def _show(outcome: Outcome, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in outcome.findings], ensure_ascii=False, indent=2))
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

    table = Table("Mức", "Sheet", "Ô", "Mã", "Nội dung", show_lines=False)
    for f in outcome.findings:
        level = "[red]Lỗi[/red]" if f.is_error else "[yellow]Cảnh báo[/yellow]"
        table.add_row(level, f.sheet, f.cell or "", f.code, f.message)
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
    "templates": "Mẫu văn bản Word: tạo lại, kiểm tra (Word templates: build, check).",
    "addin": "Add-in Excel “Dân vận khéo”: tạo, cài, gỡ (Excel add-in: build, install, uninstall).",
}

_register_all()
