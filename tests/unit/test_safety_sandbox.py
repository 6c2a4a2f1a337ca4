"""The template sandbox: the known Jinja escapes fail with an error, nothing reaches Python or files."""

from __future__ import annotations

import subprocess
import sys

import pytest
from jinja2 import TemplateError as JinjaError

from dvk_docs.render.environment import make_environment

ESCAPES = {  #: template text -> what it tries
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os.system('id') }}",
    "joiner-globals": "{{ joiner.__init__.__globals__ }}",
    "namespace-globals": "{{ namespace.__init__.__globals__ }}",
    "template-reference": "{{ self._TemplateReference__context }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "format-attribute": "{{ '{0.__class__}'.format(x) }}",
    "format-map": "{{ '{a.__class__.__base__}'.format_map({'a': x}) }}",
    "getattr-filter": "{{ x|attr('__class__') }}",
    "string-concat-attr": "{{ x['__cla' ~ 'ss__'] }}",
    "huge-range": "{% for i in range(10**10) %}{% endfor %}",
    "request-globals": "{{ self.__init__.__globals__ }}",
    "dict-update-builtins": "{{ {}.__class__.__init__ }}",
    "func-code": "{{ date_line.__code__ }}",
}


@pytest.mark.parametrize("source", ESCAPES.values(), ids=ESCAPES.keys())
def test_known_escapes_raise_instead_of_reaching_python(source: str) -> None:
    template = make_environment().from_string(source)
    with pytest.raises((JinjaError, OverflowError)):
        template.render(x="Mô hình")


def test_filter_functions_are_not_reachable_as_names() -> None:
    with pytest.raises(JinjaError):
        make_environment().from_string("{{ date_line.__globals__ }}").render()


def test_include_cannot_read_a_file() -> None:
    with pytest.raises((JinjaError, TypeError)) as caught:
        make_environment().from_string('{% include "/etc/passwd" %}').render()
    assert "root:" not in str(caught.value)


def test_undefined_names_fail_and_values_are_escaped() -> None:
    env = make_environment()
    with pytest.raises(JinjaError):
        env.from_string("{{ chua_co }}").render()
    assert env.from_string("{{ x }}").render(x="A & <B>") == "A &amp; &lt;B&gt;"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses resource.setrlimit to protect the test machine")
@pytest.mark.parametrize("source", ["{{ 999999999**999999999 }}", "{{ 'x' * 10**10 }}"], ids=["power", "repeat"])
def test_arithmetic_bombs_stop_quickly(source: str) -> None:
    """A template must not freeze the program or eat the memory: compile + render within 10 s."""
    code = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from dvk_docs.render.environment import make_environment\n"
        f"try:\n    make_environment().from_string({source!r}).render()\n"
        "except Exception as e:\n    print(type(e).__name__)\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{source} still running after 10 s")
    assert done.returncode == 0 and done.stdout.strip() == "SecurityError", done.stdout + done.stderr
