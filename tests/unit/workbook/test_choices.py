"""Coded values: names, codes and short labels of each drop-down entry; the nearest entries otherwise."""

from __future__ import annotations

from dvk_docs.documents import KINDS
from dvk_docs.model import Model, Settings, Workbook
from dvk_docs.workbook.choices import ALL_KINDS, canonical_choices, choice_list, did_you_mean
from dvk_docs.workbook.schema import CHOICES


def test_document_kinds_are_the_registry_s_codes_and_printed_names():
    kinds = choice_list("document_kind")
    assert kinds.entries == ((ALL_KINDS, ALL_KINDS), *((k.name, k.title) for k in KINDS.values()))
    assert kinds.names == CHOICES["document_kind"]
    for kind in KINDS.values():
        assert kinds.resolve(kind.name) == kinds.resolve(kind.title) == kind.name
    assert kinds.resolve("Quyết định") == kinds.resolve("quyet dinh cong nhan") == "quyet-dinh-cong-nhan"
    assert kinds.resolve("-") is None


def test_field_labels_come_from_the_settings_and_the_abbreviation():
    settings = Settings({"fields": ("Kinh tế", "Quốc phòng - an ninh", "Chuyển đổi số"),
                         "field_labels": "Quốc phòng - an ninh=QP; Chuyển đổi số=Số hóa"})
    fields = choice_list("field", settings)
    assert [fields.resolve(t) for t in ("QP", "ANQP", "Số hóa", "CĐS", "kinh  tế", "Văn hóa - xã hội")] == [
        "Quốc phòng - an ninh", "Quốc phòng - an ninh", "Chuyển đổi số", "Chuyển đổi số", "Kinh tế", None]
    assert fields.nearest("Chuyen doi so") == ("Chuyển đổi số",)
    assert fields.nearest("an ninh") == ("Quốc phòng - an ninh",)
    assert fields.nearest("Thể thao") == ()


def test_the_book_reads_every_spelling_as_the_entry_and_leaves_the_rest_as_typed():
    models = (Model("MH1", "001", "A", "CN", field="VH-XH", status="Tiếp tục đăng ký", category="ĐH", row=2),
              Model("MH2", "001", "B", "Nhóm", field="Thể thao", status="mới", row=3))
    book = canonical_choices(Workbook(settings=Settings({"profile": "cong-doan"}), models=models))
    assert book.settings.get("profile") == "Công đoàn"
    assert [(m.subject, m.field, m.status, m.category) for m in book.models] == [
        ("Cá nhân", "Văn hóa - xã hội", "Duy trì", "Điển hình"), ("Nhóm", "Thể thao", "Mới", "")]


def test_did_you_mean_names_one_or_several():
    assert did_you_mean(("Kinh tế",)) == "Có phải “Kinh tế” không?"
    assert did_you_mean(("A", "B")) == "Có phải “A” hoặc “B” không?"
    assert did_you_mean(()) == ""
