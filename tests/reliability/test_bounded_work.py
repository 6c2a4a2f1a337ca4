"""Templates and file-name patterns cannot hang the program or exhaust its memory.

Each bomb runs in one child process limited to 1.5 GiB of address space; every one must stop with
its Vietnamese message within :data:`SECONDS` (without the guards, the first one runs for hours and
the width/join bombs die of MemoryError).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SECONDS = 5.0  #: the longest any bomb may take to be refused

TOO_WIDE = "“{}” với độ rộng/số lượng 2.000.000.000 quá lớn (tối đa 100.000), mẫu không được tính"
TOO_LONG = "“{}” sẽ tạo ra đoạn chữ dài {} ký tự (tối đa 100.000), mẫu không được tính"
TEMPLATE_BOMBS = {  #: template -> the SecurityError message it must get
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}":
        "các vòng lặp {% for %} của mẫu chạy quá 200.000 lượt (vòng lặp lồng nhau quá lớn?), mẫu không "
        "được tính",
    "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}":
        "các vòng lặp {% for %} của mẫu chạy quá 200.000 lượt (vòng lặp lồng nhau quá lớn?), mẫu không "
        "được tính",
    "{{ '{:2000000000}'.format(1) }}": TOO_WIDE.format("format"),
    "{{ '{:.2000000000f}'.format(1.5) }}": TOO_WIDE.format("format"),
    "{{ '{:{w}}'.format(1, w=2000000000) }}": TOO_WIDE.format("format"),
    "{{ '{a:{w}}'.format_map({'a': 1, 'w': 2000000000}) }}": TOO_WIDE.format("format"),
    "{{ '%2000000000d' % 1 }}": TOO_WIDE.format("%"),
    "{{ '%*d' % (2000000000, 1) }}": TOO_WIDE.format("%"),
    "{{ '%2000000000d'|format(1) }}": TOO_WIDE.format("%"),
    "{{ 'x'.center(2e9) }}": TOO_WIDE.format("center"),
    "{{ 'x'.ljust(2000000000) }}": TOO_WIDE.format("ljust"),
    "{{ 'x'.zfill(2000000000) }}": TOO_WIDE.format("zfill"),
    "{{ 'x'|center(2000000000) }}": TOO_WIDE.format("center"),
    "{{ 'a\tb'.expandtabs(2000000000) }}": TOO_WIDE.format("expandtabs"),
    "{{ range(3)|batch(2000000000, 'x')|list }}": TOO_WIDE.format("batch"),
    "{{ lipsum(2000000000) }}": TOO_WIDE.format("lipsum"),
    "{{ 5|format_number(decimals=2000000000) }}": TOO_WIDE.format("format_number"),
    "{{ ('x' * 100000)|join('y' * 100000) }}": TOO_LONG.format("join", "10.000.100.000"),
    "{{ ('y' * 100000).join('x' * 100000) }}": TOO_LONG.format("join", "10.000.100.000"),
    "{{ ('x' * 100000).replace('x', 'y' * 100000) }}": TOO_LONG.format("replace", "10.000.000.000"),
    "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}": TOO_LONG.format("replace", "10.000.000.000"),
    "{{ ('x' * 100000).translate({120: 'y' * 100000}) }}": TOO_LONG.format("translate", "10.000.000.000"),
    "{{ ('x' * 100000)|wordwrap(1, wrapstring='y' * 100000) }}": TOO_LONG.format("wordwrap", "10.000.100.000"),
    "{{ ('x\n' * 50000)|indent(100000) }}": TOO_LONG.format("indent", "5.000.200.000"),
    "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}":
        TOO_LONG.format("~", "131.072"),
    "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}":
        TOO_LONG.format("+", "131.072"),
}
PATTERN_BOMBS = {  #: Mẫu tên tệp -> the TemplateError message it must get
    "{stt:2000000000}": "Mẫu tên tệp “{stt:2000000000}” có định dạng “{stt:2000000000}” dài quá: tên tệp "
                        "chỉ dài tối đa 120 ký tự.",
    "{ten:.2000000000}": "Mẫu tên tệp “{ten:.2000000000}” có định dạng “{ten:.2000000000}” dài quá: tên "
                         "tệp chỉ dài tối đa 120 ký tự.",
    "{stt:{ten}}": "Mẫu tên tệp “{stt:{ten}}” có định dạng lồng nhau “{stt:{ten}}”, không dùng được.",
}
CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29))
from dvk_docs.errors import TemplateError
from dvk_docs.render.environment import make_environment
from dvk_docs.render.filenames import file_names
templates, patterns = json.loads(sys.stdin.read())
results = {}
for source in templates:
    started = time.monotonic()
    try:
        make_environment().from_string(source).render()
        outcome = "rendered"
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
    results[source] = (outcome, time.monotonic() - started)
for pattern in patterns:
    started = time.monotonic()
    try:
        file_names(pattern, [{"ten": "Mô hình A"}])
        outcome = "named"
    except TemplateError as error:
        outcome = f"TemplateError: {error.message}"
    results[pattern] = (outcome, time.monotonic() - started)
print(json.dumps(results, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list]:
    """Every bomb's outcome and seconds, from one child process."""
    payload = json.dumps([list(TEMPLATE_BOMBS), list(PATTERN_BOMBS)])
    limit = SECONDS * (len(TEMPLATE_BOMBS) + len(PATTERN_BOMBS)) + 10
    done = subprocess.run([sys.executable, "-c", CHILD], input=payload, capture_output=True, text=True,
                          timeout=limit)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(sys.platform == "win32", reason="uses resource.setrlimit to protect the test machine")
@pytest.mark.parametrize(("source", "message"), [*TEMPLATE_BOMBS.items(), *PATTERN_BOMBS.items()],
                         ids=[*TEMPLATE_BOMBS, *PATTERN_BOMBS])
def test_bomb_is_refused_with_its_message_within_seconds(outcomes: dict[str, list], source: str,
                                                          message: str) -> None:
    outcome, seconds = outcomes[source]
    expected = "TemplateError" if source in PATTERN_BOMBS else "SecurityError"
    assert outcome == f"{expected}: {message}"
    assert seconds < SECONDS


def test_templates_within_the_bounds_still_render() -> None:
    from dvk_docs.render.environment import make_environment

    source = ("{% for m in ms %}{{ loop.index }}. {{ m ~ '&' }}{% if not loop.last %}; {% endif %}{% endfor %}"
              "|{{ '{:,}'.format(2340000) }}|{{ '%05.2f' % 3.14159 }}|{{ ms|join(', ') }}|{{ 'x'.center(5) }}"
              "|{{ '{:>{w}}'.format('a', w=3) }}|{{ 'a' + 'b' }}|{{ 1 + 2 }}")
    rendered = make_environment().from_string(source).render(ms=["A<", "B"])
    assert rendered == "1. A&lt;&amp;; 2. B&amp;|2,340,000|03.14|A&lt;, B|  x  |  a|ab|3"
