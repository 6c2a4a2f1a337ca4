"""The ribbon XML: valid customUI14, and exactly the registry's buttons, tags and groups."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from dvk_docs.addin.ribbon import CUSTOMUI_NAMESPACE, ribbon_xml
from dvk_docs.addin.vba import CALLBACK
from dvk_docs.commands import BUTTONS, COMMANDS
from dvk_docs.commands.registry import Button

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("customui14-subset.xsd"))))
NS = {"c": CUSTOMUI_NAMESPACE}
GROUPS = ["Dữ liệu", "Đăng ký", "Chấm điểm", "Bình chọn", "Công nhận", "Tuyên dương", "Văn bản", "Ký số"]


def parsed() -> etree._Element:
    return etree.fromstring(ribbon_xml(BUTTONS).encode("utf-8"))


def test_ribbon_is_valid_against_the_customui14_schema():
    root = parsed()
    SCHEMA.assertValid(root.getroottree())
    assert root.tag == f"{{{CUSTOMUI_NAMESPACE}}}customUI"


def test_schema_rejects_what_office_rejects():
    bad = ribbon_xml(BUTTONS).replace('size="large"', 'size="huge"', 1)
    assert not SCHEMA.validate(etree.fromstring(bad.encode("utf-8")).getroottree())
    duplicate = ribbon_xml(BUTTONS).replace('id="dvk_validate"', 'id="dvk_init"')
    assert not SCHEMA.validate(etree.fromstring(duplicate.encode("utf-8")).getroottree())


def test_one_tab_with_the_eight_groups_in_order():
    root = parsed()
    tab = root.find("c:ribbon/c:tabs/c:tab", NS)
    assert tab.get("label") == "Dân vận khéo"
    assert [g.get("label") for g in tab.findall("c:group", NS)] == GROUPS


def test_every_registry_button_is_on_the_ribbon_with_its_tag_and_the_dispatcher():
    elements = parsed().findall(".//c:button", NS)
    assert [(e.get("tag"), e.get("label"), e.get("imageMso")) for e in elements] == [
        (b.id, b.label, b.image) for b in BUTTONS
    ]
    assert {e.get("onAction") for e in elements} == {CALLBACK}
    for element in elements:
        group = element.getparent().get("label")
        assert group == next(b.group for b in BUTTONS if b.id == element.get("tag"))


def test_issue_buttons_are_in_their_groups():
    by_group = {g.get("label"): [b.get("label") for b in g.findall("c:button", NS)]
                for g in parsed().findall(".//c:group", NS)}
    assert {"Tạo sổ mới", "Kiểm tra dữ liệu", "Sửa mã chữ"} <= set(by_group["Dữ liệu"])
    assert {"Danh sách đăng ký", "Tổng hợp đăng ký", "Tổng hợp từ các đơn vị"} <= set(by_group["Đăng ký"])
    assert {"Phiếu chấm điểm", "Tính điểm và xét công nhận"} <= set(by_group["Chấm điểm"])
    assert {"Quyết định", "Giấy chứng nhận", "Tổng hợp kết quả", "In trên phôi",
            "Trang căn chỉnh phôi"} <= set(by_group["Công nhận"])
    assert by_group["Bình chọn"] == ["Phiếu bình chọn", "Biên bản kiểm phiếu"]
    assert by_group["Tuyên dương"] == ["Danh sách tuyên dương", "Giấy mời", "Danh sách nhận thưởng"]
    assert {"Kế hoạch", "Hướng dẫn", "Xuất PDF", "Mở thư mục kết quả",
            "Hướng dẫn sử dụng"} <= set(by_group["Văn bản"])


def test_every_button_runs_a_registered_command():
    names = {c.name for c in COMMANDS}
    missing = sorted({b.command for b in BUTTONS} - names)
    assert missing == [], f"buttons whose command is not registered yet: {missing}"


def test_duplicate_or_non_ascii_ids_are_refused():
    button = Button("same", "A", "G", "FileNew", "init")
    with pytest.raises(ValueError, match="duplicate"):
        ribbon_xml([button, button])
    with pytest.raises(ValueError, match="ASCII"):
        ribbon_xml([Button("sửa", "A", "G", "FileNew", "init")])


def published_icons() -> set[str]:
    """The imageMso ids checked against Microsoft's Office control-ID lists (see the file's header)."""
    lines = Path(__file__).with_name("office-imagemso-ids.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    return {identifier for identifier, lists in rows if lists.strip()}


def test_every_icon_is_one_microsoft_publishes():
    used = {e.get("imageMso") for e in parsed().iter() if e.get("imageMso") is not None}
    assert used == {button.image for button in BUTTONS}
    assert sorted(used - published_icons()) == []
