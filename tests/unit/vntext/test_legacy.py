"""TCVN3 / VNI / NFD text: detection without false alarms, and exact round trips through the
UniKey table (encoded here independently of the decoder)."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from dvk_docs.vntext import (
    content_key,
    detect_encoding,
    font_encoding,
    is_plain_unicode,
    repair_column,
    to_unicode,
)

from .names_data import generated_names

TABLE = json.loads(
    (Path(__file__).parents[3] / "dvk_docs" / "data" / "legacy_encodings_tcvn3_vni.json").read_text(
        encoding="utf-8"
    )
)
TO_TCVN3 = {row[0]: row[2] for row in TABLE}
TO_VNI = {row[0]: row[4] for row in TABLE}

# Mixed-case sentences whose words do not start with a toned capital (TCVN3 has no code for those).
SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ban Thường vụ Huyện ủy quyết định công nhận mô hình “Dân vận khéo” năm 2024.",
    "Điều 1. Công nhận 25 mô hình, điển hình đạt danh hiệu “Dân vận khéo” cấp huyện.",
    "Mức thưởng: 1.050.000 đồng (Một triệu không trăm năm mươi nghìn đồng).",
    "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội.",
    "Xây dựng nông thôn mới, đô thị văn minh; giữ gìn an ninh trật tự.",
    "Người dân tham gia hiến đất làm đường giao thông nông thôn.",
    "Chi bộ thôn Khe Lóng đăng ký thực hiện mô hình trồng quế hữu cơ.",
    "Hội Liên hiệp Phụ nữ xã với phong trào “Nuôi heo đất tiết kiệm”.",
    "Tổng số điểm đạt 95,5 điểm; xếp loại xuất sắc.",
    "Kế hoạch số 05-KH/ĐUK ngày 15/4/2024 của Đảng ủy Khối.",
    "Những người được khen thưởng gương mẫu, tận tụy, sáng tạo trong công việc.",
    "Quỹ khuyến học của dòng họ hỗ trợ học sinh nghèo vượt khó.",
    "Thực hiện tốt cuộc vận động “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
    "Gửi kèm theo bản đăng ký và biểu chấm điểm trước ngày 01/10/2024.",
    "Nơi nhận: Như Điều 3; Lưu VT.",
    "Trưởng ban Dân vận Tỉnh ủy Yên Bái.",
    "Ước tính kinh phí thực hiện khoảng hai mươi lăm triệu đồng.",
    "Ông Nguyễn Văn Tư, thôn Bản Lầu, xã Mường Khương.",
    "Bà Lò Thị Ngọc Bích, dân tộc Thái, trưởng bản Nà Sản.",
    "Trường THCS Hùng Vương tổ chức ngày hội đại đoàn kết toàn dân tộc.",
    "Câu lạc bộ dân vận khéo giúp đỡ hộ nghèo thoát nghèo bền vững.",
    "Đoàn viên thanh niên xung kích dọn vệ sinh môi trường mỗi sáng chủ nhật.",
    "Cựu chiến binh gương mẫu đi đầu trong phong trào thi đua yêu nước.",
    "Ăn quả nhớ kẻ trồng cây; uống nước nhớ nguồn.",
    "Ơn nghĩa sinh thành, tình làng nghĩa xóm, lá lành đùm lá rách.",
    "Già làng, trưởng bản, người có uy tín vận động bà con bỏ hủ tục.",
    "Kết quả: hỗ trợ xây dựng 12 ngôi nhà đại đoàn kết, trị giá 702.000.000 đồng.",
    "Đồng chí Phó Bí thư Thường trực chủ trì hội nghị sơ kết sáu tháng đầu năm.",
    "Mô hình “Khu dân cư an toàn về an ninh trật tự” được duy trì hiệu quả.",
    "Thủy lợi nội đồng được kiên cố hóa, khuyến khích khỏe mạnh, thuỷ chung.",
    "Nghiêng, ngoẵng, khuỷu tay, nguệch ngoạc, quyết liệt, khuyên giải, tuyệt vời.",
]
CAPITALS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "QUYẾT ĐỊNH VỀ VIỆC CÔNG NHẬN MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2024",
    "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH YÊN BÁI",
    "ỦY BAN NHÂN DÂN HUYỆN VĂN CHẤN",
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH - ỨNG DỤNG - ỔN ĐỊNH - ẤM ÁP - ỞỠỢ ỪỬỮỰ",
]
NAMES = [
    "Nguyễn Thị Ánh",
    "Phạm Ánh Tuyết",
    "Hoàng Ân",
    "Đỗ Thị Ấm",
    "Lò Văn Páo",
    "Nông Thị Ngọc",
    "Lê Ứng Hòa",
    "Đinh Ổn",
    "Hà Thị Ngọc Bích",
]
# Too few tell-tale words to detect on their own: the font name (or a whole column) decides.
SHORT_NAMES = ["Vũ Ý Nhi", "Trần Ỷ Lan", "Mạc Ẩn", "Tú", "Hà"]


def to_tcvn3(text: str) -> str:
    return "".join(TO_TCVN3.get(char, char) for char in text)


def to_vni(text: str) -> str:
    return "".join(TO_VNI.get(char, char) for char in text)


@pytest.mark.parametrize("text", SENTENCES + CAPITALS + NAMES)
def test_tcvn3_round_trip(text: str) -> None:
    legacy = to_tcvn3(text)
    assert detect_encoding(legacy) == "tcvn3"
    assert to_unicode(legacy) == text


@pytest.mark.parametrize("text", SENTENCES + CAPITALS + NAMES)
def test_vni_round_trip(text: str) -> None:
    legacy = to_vni(text)
    assert detect_encoding(legacy) == "vni"
    assert to_unicode(legacy) == text


def test_the_research_examples_decode() -> None:
    assert to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert to_unicode("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert (
        to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
        == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc") == "Độc lập - Tự do - Hạnh phúc"


def test_tcvn3_soft_hyphen_is_u_horn() -> None:
    assert to_unicode("Tr\u00adêng THCS Hïng V\u00ad¬ng") == "Trường THCS Hùng Vương"


def test_tcvn3_toned_capitals_inside_a_sentence_come_back_lower_case() -> None:
    assert to_unicode(to_tcvn3("Ủy ban nhân dân tỉnh Yên Bái")) == "ủy ban nhân dân tỉnh Yên Bái"


@pytest.mark.parametrize("name", SHORT_NAMES)
def test_short_names_need_the_font_or_a_whole_column(name: str) -> None:
    assert detect_encoding(to_tcvn3(name)) in {"unicode", "ascii"}
    assert to_unicode(to_tcvn3(name), font=".VnTime") == name
    assert to_unicode(to_vni(name), font="VNI-Times") == name
    column = "\n".join(to_tcvn3(text) for text in [name, *NAMES])
    assert to_unicode(column).split("\n")[0] == name


def test_font_decides_for_short_cells_and_capitals_fonts() -> None:
    assert to_unicode("Coäng", font="VNI-Times") == "Cộng"
    assert to_unicode("Tr\u00adêng", font=".VnTime") == "Trường"
    assert to_unicode("céng hoµ x· héi", font=".VnTimeH") == "CỘNG HOÀ XÃ HỘI"
    assert to_unicode("Nguyễn Văn Tú", font=".VnTime") == "Nguyễn Văn Tú"
    assert to_unicode("Coäng", font="Times New Roman") == "Coäng"


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnArialH", "tcvn3"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("Times New Roman", None),
        ("Arial", None),
    ],
)
def test_font_encoding(font: str, encoding: str | None) -> None:
    assert font_encoding(font) == encoding


def test_nfd_is_detected_and_composed() -> None:
    text = unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ")
    assert detect_encoding(text) == "nfd"
    assert to_unicode(text) == "Nguyễn Thị Thuỷ"
    assert len(to_unicode(text)) == 15


@pytest.mark.parametrize(
    "text",
    ["Hello world", "Report 2024 - final (v2).xlsx", "", "Nguyen Van An", "Dan van kheo"],
)
def test_ascii_text_is_ascii(text: str) -> None:
    assert detect_encoding(text) == "ascii"
    assert to_unicode(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "© 2024 Microsoft® Windows®",
        "Müller Größe schön",
        "café crème brûlée à la carte",
        "niño señor año mañana",
        "Price: £5 · 10 µm ± 2°",
        "Straße Ærø Øresund Þór",
        "naïve résumé déjà vu",
        "São Paulo, Zürich, Kraków",
    ],
)
def test_foreign_latin_text_is_not_called_legacy(text: str) -> None:
    assert detect_encoding(text) == "unicode"
    assert to_unicode(text) == text


def test_genuine_unicode_vietnamese_is_unicode() -> None:
    latin1_only = [
        "Hà Tú",
        "Tôi là Hà",
        "Hòa Bình",
        "Tô Hà Tâm",
        "Chào cô",
        "Lê Tâm Ý",
        "Hoà Tú Cà Mè",
        "Tám giờ",
        "Vì Tú Tài",
        "Bé Tí Tè",
    ]
    texts = SENTENCES + CAPITALS + NAMES + latin1_only + generated_names(random.Random(3), 300)
    assert len(texts) >= 200
    assert [text for text in texts if detect_encoding(text) != "unicode"] == []
    assert all(to_unicode(text) == text for text in texts)


def test_a_column_is_judged_as_a_whole_and_a_content_key_ignores_the_encoding():
    column = [to_tcvn3("Chi đoàn"), "Đội 5", to_tcvn3("Giữ gìn vệ sinh môi trường"), "To 3"]
    assert repair_column(column) == ["Chi đoàn", "Đội 5", "Giữ gìn vệ sinh môi trường", "To 3"]
    assert repair_column(["Đội 5", "naïve", "Café"]) == ["Đội 5", "naïve", "Café"]
    assert to_unicode(to_tcvn3("Chi đoàn")) == to_tcvn3("Chi đoàn")  # alone, too short to call TCVN3
    for text in ("Chi đoàn", "Đội", "Giữ gìn vệ sinh môi trường"):
        key = content_key(text)
        assert content_key(to_tcvn3(text)) == content_key(to_vni(text)) == content_key(f" {text.upper()} ") == key
    assert content_key("Café Müller") != content_key("Cafe Muller")


def test_plain_unicode_is_what_no_check_or_repair_changes() -> None:
    """is_plain_unicode (the reader keeps only the other cells for the encoding checks): true for
    ASCII and NFC text with a letter beyond Latin-1, and then detection and repair leave it alone;
    false for legacy text (even holding “” quotes, beyond Latin-1 but no letters), NFD, and Latin-1-only text."""
    legacy = [to_tcvn3(s) for s in SENTENCES] + [to_vni(s) for s in SENTENCES]
    plain = [*SENTENCES, *CAPITALS, *(n for n in NAMES if n != "Hoàng Ân"), "MH0001", "Kinh tế"]
    assert all(is_plain_unicode(text) for text in plain)
    assert [detect_encoding(text) for text in plain] == [
        "ascii" if text.isascii() else "unicode" for text in plain]
    assert repair_column(plain + legacy)[: len(plain)] == plain
    assert repair_column(legacy) == repair_column(plain + legacy)[len(plain):]
    others = [*legacy, "“Céng hoµ”", unicodedata.normalize("NFD", "Kinh tế"), "Hoàng Ân", "Có", "café"]
    assert not any(is_plain_unicode(text) for text in others)
