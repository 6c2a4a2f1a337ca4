"""One writer of the concurrency test: runs one ``dvk`` command on a workbook ROUNDS times in a row.

``python -m tests.reliability.concurrent_writer COMMAND BOOK ROUNDS`` with COMMAND ``score``,
``cap-so`` (``render quyet-dinh-cong-nhan --cap-so`` into ``out/<round>``) or ``gom`` (from
``gui-ve/<round>``). Each round goes through the command registry, as the CLI does; an error
stops the writer with exit code 1 and its message.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dvk_docs.commands import find_command
from dvk_docs.commands.registry import Session
from dvk_docs.errors import DvkError
from dvk_docs.workbook.sources import FileSource


def run_round(command: str, book: Path, round_number: int) -> int:
    """Run ``command`` once; its exit code."""
    session = Session(source=FileSource(book))
    if command == "score":
        outcome = find_command("score").invoke(session)
    elif command == "cap-so":
        outcome = find_command("render").invoke(session, kind="quyet-dinh-cong-nhan", cap_so=True,
                                                out=book.parent / "out" / str(round_number))
    else:
        outcome = find_command("gom").invoke(session, from_folder=book.parent / "gui-ve" / str(round_number))
    return outcome.exit_code


def main(command: str, book: Path, rounds: int) -> int:
    for number in range(1, rounds + 1):
        try:
            code = run_round(command, book, number)
        except DvkError as error:
            print(f"{command} vòng {number}: {error.format_message()}", file=sys.stderr)
            return 1
        if code:
            print(f"{command} vòng {number}: mã thoát {code}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])))
