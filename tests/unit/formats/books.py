"""Small workbooks built in code for the format tests: one per profile, two units, three models."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dvk_docs.model import Model, Recipient, ScoreSheet, Settings, Signer, Unit, Workbook
from dvk_docs.workbook.default_criteria import DEFAULT_CRITERIA

BODIES = {  #: profile label -> (parent body, issuing body, abbreviation, place, decider, signer)
    "Nhà nước": ("UBND TỈNH YÊN BÁI", "ỦY BAN NHÂN DÂN\nHUYỆN YÊN BÌNH", "UBND", "Yên Bình",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH",
                 Signer("CT", "Nguyễn Văn An", "Chủ tịch", "", "")),
    "Đảng": ("ĐẢNG BỘ TỈNH YÊN BÁI", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "ĐUK", "Yên Bái",
             "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI",
             Signer("PBT", "Cao Xuân Chiểu", "Phó Bí thư", "T/M", "Ban Thường vụ")),
    "Công đoàn": ("TỔNG LĐLĐ VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG\nTỈNH NINH BÌNH", "LĐLĐ", "Ninh Bình",
                  "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH",
                  Signer("CT", "Lê Thị Mai Thủy", "Phó Chủ tịch thường trực", "TM.", "Ban Thường vụ")),
}


def small_book(label: str = "Nhà nước", *, passing: bool = True, extra_models: int = 0,
               **settings: object) -> Workbook:
    """A workbook of ``label``'s profile: units A and B, three models (plus ``extra_models``
    collective ones of unit B), all passing when ``passing``."""
    parent, issuing, abbr, place, decider, signer = BODIES[label]
    values = {
        "profile": label, "parent_body": parent, "issuing_body": issuing, "issuing_abbr": abbr,
        "place": place, "year": 2025, "decider": decider,
        "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
                       "Căn cứ Kế hoạch số 15/KH-UBND ngày 05 tháng 3 năm 2025",
        "advisory_body": "Trưởng Ban Tuyên giáo và Dân vận", "default_signer": signer.code,
        **settings,
    }
    criteria = DEFAULT_CRITERIA
    models = (
        Model("M1", "A", "Dân vận khéo trong chuyển đổi số", "Tập thể",
              "Phòng Kế hoạch & Tài chính", "Kinh tế", status="Duy trì", row=2),
        Model("M2", "B", "Tổ tự quản “Xanh - Sạch - Đẹp”", "Tập thể", "Chi bộ Thôn 3",
              "Văn hóa - xã hội", row=3),
        Model("M3", "B", "Gương sáng vận động hiến đất làm đường", "Cá nhân", "Hoàng Thị Hoa",
              "Xây dựng nông thôn mới", row=4),
    )
    models += tuple(
        Model(f"X{n}", "B", f"Mô hình dân vận khéo số {n} về vận động nhân dân tham gia xây dựng",
              "Tập thể", f"Chi đoàn thanh niên số {n}", "Kinh tế", row=5 + n)
        for n in range(1, extra_models + 1)
    )
    scores = tuple(
        ScoreSheet(m.code, {c.number: c.maximum if passing else Decimal(0)
                            for c in criteria if c.applies_to(m.subject)}, row=i + 2)
        for i, m in enumerate(models)
    )
    return Workbook(
        settings=Settings(values),
        units=(Unit("A", "Phòng Kế hoạch & Tài chính", "Phòng, ban", row=2),
               Unit("B", "Xã Tân Hương", "Xã, phường", row=3)),
        models=models,
        criteria=criteria,
        scores=scores,
        signers=(signer,),
        recipients=(Recipient("*", "Như Điều 3;", 1), Recipient("*", "Thường trực Huyện ủy (b/c)", 2)),
    )


DECISION_DATE = dt.date(2025, 10, 5)  #: a date with a leading zero in the date line
