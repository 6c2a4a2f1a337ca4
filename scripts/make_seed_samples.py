#!/usr/bin/env python3
"""Write samples/seed-000, seed-003, seed-004: each seed's issuing body as a workbook + its own wording.

    python scripts/make_seed_samples.py

For each seed (the reference text is kept beside it as ``van-ban-goc.txt``):

* ``so-theo-doi.xlsx``: created by ``dvk init``'s writer and filled through ``FileSource.write`` with
  the seed's profile, bodies, number, place and date, year, signer, Nơi nhận, targets per unit kind,
  deadlines, ``templates_dir = mau`` and ``batch_kinds`` = the seed's documents.
* ``mau/<kind>.docx``: what a clerk does in Word to a copy of the shipped template — the summary
  line and the body replaced by the seed's own sentences, the targets and deadlines kept as fields
  (``{{ chi_tieu_loai.doan_the }}``, ``{{ han_dang_ky }}``), appendix labels and form headings as
  the seed has them; appendices the seed does not attach are deleted.

``dvk batch samples/seed-NNN/so-theo-doi.xlsx --out DIR`` then produces the seed's documents;
tests/e2e/test_seed_fidelity.py compares them word by word with ``van-ban-goc.txt``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk_docs.model import CellUpdate  # noqa: E402
from dvk_docs.workbook.create import create_workbook  # noqa: E402
from dvk_docs.workbook.sources import FileSource  # noqa: E402

SAMPLES = ROOT / "samples"
TEMPLATES = ROOT / "word_templates"
SOURCE_TEXT = "van-ban-goc.txt"  #: the seed's text, kept beside its workbook


@dataclass
class Seed:
    """One seed: where it goes, its workbook data and how its template copy is edited."""

    folder: str
    kind: str  #: the document kind the seed is (its batch_kinds)
    profile: str  #: profile id of the shipped template copied into mau/
    settings: dict[str, object]
    signer: dict[str, str]
    recipients: list[str]
    summary: str  #: the seed's trích yếu
    body: tuple[str, str]  #: first and last line of the seed's body (after căn cứ, before Nơi nhận)
    body_range: tuple[str, str]  #: texts of the first and last template paragraphs it replaces
    fields: dict[str, str]  #: seed wording -> the same wording with the workbook's field
    edits: list[Callable[[docx.document.Document], None]] = field(default_factory=list)


def main() -> None:
    for seed in SEEDS:
        folder = SAMPLES / seed.folder
        write_workbook(folder / "so-theo-doi.xlsx", seed)
        write_template(folder, seed)
        print(f"{folder.relative_to(ROOT)}: so-theo-doi.xlsx, mau/{seed.kind}.docx")


def write_workbook(path: Path, seed: Seed) -> None:
    """Create the workbook with the init writer and fill it through FileSource.write."""
    path.unlink(missing_ok=True)  # regenerated: no backup of the old sample
    create_workbook(path)
    settings = {**seed.settings, "templates_dir": "mau", "batch_kinds": seed.kind,
                "default_signer": seed.signer["code"]}
    updates = [CellUpdate("settings", None, key, value) for key, value in settings.items()]
    updates += [CellUpdate("signers", None, key, value) for key, value in seed.signer.items()]
    for order, text in enumerate(seed.recipients, start=1):
        updates += [CellUpdate("recipients", None, "kind", seed.kind),
                    CellUpdate("recipients", None, "text", text),
                    CellUpdate("recipients", None, "order", order)]
    FileSource(path, keep_backups=0).write(updates)


def write_template(folder: Path, seed: Seed) -> None:
    """Copy the shipped template of the seed's kind into mau/ and edit it as a clerk would."""
    document = docx.Document(str(TEMPLATES / seed.profile / f"{seed.kind}.docx"))
    set_text(find(document, "{{ trich_yeu }}"), seed.summary)
    replace_body(document, seed_body(folder / SOURCE_TEXT, seed), *seed.body_range)
    for edit in seed.edits:
        edit(document)
    (folder / "mau").mkdir(exist_ok=True)
    document.save(str(folder / "mau" / f"{seed.kind}.docx"))


def seed_body(path: Path, seed: Seed) -> list[str]:
    """The seed's body lines (markdown emphasis removed) with the fields put back."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    start = lines.index(seed.body[0])
    end = lines.index(seed.body[1], start)
    text = "\n".join(re.sub(r"\*\*?([^*]+?)\*\*?", r"\1", line) for line in lines[start:end + 1] if line)
    for wording, with_field in seed.fields.items():
        if wording not in text:
            raise SystemExit(f"{seed.folder}: “{wording}” not found in the seed text")
        text = text.replace(wording, with_field)
    return text.splitlines()


def replace_body(document: docx.document.Document, lines: list[str], first: str, last: str) -> None:
    """Replace the template paragraphs from the one holding ``first`` to the one holding ``last``
    with ``lines``: headings ("I. …", "1. Mục đích") in the template's heading style, others as body."""
    body = [p for p in document.paragraphs]
    start = next(i for i, p in enumerate(body) if first in p.text)
    end = next(i for i in range(start, len(body)) if last in body[i].text)
    old = body[start:end + 1]
    article = next(p for p in old if re.match(r"^\d+\. ", p.text))
    heading = next((p for p in old if re.match(r"^[IVX]+\. ", p.text)), article)
    plain = old[0]
    anchor = old[-1]._p
    for line in lines:
        prototype = heading if re.match(r"^[IVX]+\.\s", line) else \
            article if re.match(r"^\d+(\.\d+)*\.\s", line) and len(line) < 110 and not line.endswith(".") \
            else plain
        paragraph = copy.deepcopy(prototype._p)
        anchor.addprevious(paragraph)
        set_text(docx.text.paragraph.Paragraph(paragraph, prototype._parent), line)
    for paragraph in old:
        paragraph._p.getparent().remove(paragraph._p)


def find(document: docx.document.Document, text: str) -> docx.text.paragraph.Paragraph:
    """The first paragraph (body or table cell) whose text contains ``text``."""
    for paragraph in all_paragraphs(document):
        if text in paragraph.text:
            return paragraph
    raise SystemExit(f"“{text}” not found in the template")


def all_paragraphs(document: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    return paragraphs


def set_text(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    """Put ``text`` into the paragraph's first run (its formatting kept), drop the other runs."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def replace_text(old: str, new: str) -> Callable[[docx.document.Document], None]:
    """An edit: the paragraph holding ``old`` gets ``new`` instead."""
    return lambda document: set_text(find(document, old), find(document, old).text.replace(old, new))


def drop_appendices(document: docx.document.Document) -> None:
    """Delete everything after the first section (the plan without attached forms)."""
    body = document.element.body
    first = next(p for p in body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                 is not None)
    for element in list(first.itersiblings()):
        if element.tag != qn("w:sectPr"):
            body.remove(element)
    section = first.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    body.replace(body.find(qn("w:sectPr")), section)


SEEDS = [
    Seed(
        folder="seed-000", kind="huong-dan", profile="cong-doan",
        settings={
            "profile": "Công đoàn", "parent_body": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
            "issuing_body": "LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH", "issuing_abbr": "LĐLĐ",
            "place": "Ninh Bình", "year": 2021, "guidance_number": "29",
            "guidance_date": dt.date(2021, 7, 6), "registration_deadline": dt.date(2021, 7, 15),
            "legal_bases": "Căn cứ Hướng dẫn số 01-HD/BCĐ ngày 28/6/2021 của Ban chỉ đạo phong trào thi "
                           "đua “Dân vận khéo” tỉnh về việc Ban hành hướng dẫn xây dựng mô hình, điển "
                           "hình “Dân vận khéo” giai đoạn 2021-2025",
            "kind_targets": "LĐLĐ huyện=3; Công đoàn ngành=2",
            "fields": "Văn hóa - xã hội; Quốc phòng - an ninh; Xây dựng Đảng và hệ thống chính trị",
            "field_labels": "Quốc phòng - an ninh=ANQP; Xây dựng Đảng và hệ thống chính trị=Xây dựng HTCT",
        },
        signer={"code": "PCT", "name": "Lê Thị Mai Thủy", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
                "authority": "TM.", "on_behalf_of": "BAN THƯỜNG VỤ"},
        recipients=["Ban Dân vận Tỉnh ủy", "Ban TG Tổng LĐ", "Thường trực, các ban LĐLĐ tỉnh",
                    "LĐLĐ các huyện, TP, CDN", "Website", "Lưu VT, TG-NC"],
        summary="các tiêu chí xây dựng mô hình, điển hình “Dân vận khéo” giai đoạn 2021-2025 trong "
                "các cấp công đoàn",
        body=("Ban Thường vụ LĐLĐ tỉnh hướng dẫn Liên đoàn Lao động các huyện, thành phố, các Công đoàn "
              "ngành và Công đoàn các khu công nghiệp bám sát các tiêu chí xây dựng mô hình, điển hình "
              "“Dân vận khéo” đối với tập thể và cá nhân để triển khai xây dựng và thực hiện mô hình "
              "với những nội dung cụ thể như sau:",
              "- Yêu cầu các đơn vị nghiên cứu, lựa chọn mô hình, điển hình “Dân vận khéo” phù hợp "
              "với hoạt động công đoàn và đảm bảo tính thiết thực; LĐLĐ tỉnh giao cho LĐLĐ mỗi huyện, "
              "TP **03 mô hình**, Công đoàn ngành **02 mô hình** đăng ký thực hiện giai đoạn 2021-2025 "
              "(Mô hình có thể ở quy mô cấp trên cơ sở hoặc mô hình tại CĐCS); gửi về Ban Tuyên giáo - "
              "Nữ công **trước ngày 15/7/2021** để LĐLĐ tỉnh lựa chọn mô hình đăng ký với Tỉnh theo "
              "quy định. /"),
        body_range=("Để triển khai xây dựng mô hình", "gửi về trước ngày {{ han_dang_ky }}"),
        fields={"TP 03 mô hình": "TP {{ chi_tieu_loai.ldld_huyen }} mô hình",
                "ngành 02 mô hình": "ngành {{ chi_tieu_loai.cong_doan_nganh }} mô hình",
                "trước ngày 15/7/2021": "trước ngày {{ han_dang_ky }}"},
        edits=[replace_text("TÊN ĐƠN VỊ……………………………", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN (TP), CÔNG ĐOÀN NGÀNH....."),
               replace_text("NĂM {{ nam }}", "TRONG GIAI ĐOẠN 2021 – 2025")],
    ),
    Seed(
        folder="seed-003", kind="ke-hoach", profile="dang",
        settings={
            "profile": "Đảng", "parent_body": "ĐẢNG BỘ TỈNH YÊN BÁI",
            "issuing_body": "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "issuing_abbr": "ĐUK",
            "place": "Yên Bái", "year": 2024, "registration_deadline": dt.date(2024, 4, 15),
            "report_deadline": dt.date(2024, 11, 15),
            "legal_bases": "Đề án số 13-ĐA/TU ngày 16/3/2023 của Ban Thường vụ Tỉnh ủy Yên Bái\n"
                           "Hướng dẫn số 02-HD/BDVTU ngày 27/6/2023 của Ban Dân vận Tỉnh ủy",
            "kind_targets": "Đoàn thể=5; Đảng bộ cơ sở=2; Chi bộ cơ sở=1",
        },
        signer={"code": "PBT", "name": "Cao Xuân Chiểu", "title": "PHÓ BÍ THƯ", "authority": "T/M",
                "on_behalf_of": "BAN THƯỜNG VỤ"},
        recipients=["Ban Dân vận Tỉnh ủy (b/c)", "Thường trực Đảng ủy Khối",
                    "Các ban XD Đảng, Văn phòng, đoàn thể khối", "Các chi bộ, đảng bộ cơ sở",
                    "Lưu Ban Tuyên giáo, Văn phòng ĐUK"],
        summary="tiếp tục đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” năm 2024",
        body=("Thực hiện Đề án số 13- ĐA/ TU, ngày 16/3/2023 của Ban Thường vụ tỉnh uỷ Yên Bái về“Nâng "
              "cao chất lượng, hiệu quả phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh Yên Bái, giai "
              "đoạn 2023 - 2025, định hướng đến năm 2030”, Hướng dẫn số 02- HD/BDVTU, ngày 27/6/2023 của "
              "Ban Dân vận Tỉnh uỷ về hướng dẫn xây dựng mô hình “Dân vận khéo”, Ban Thường vụ Đảng ủy "
              "Khối cơ quan và doanh nghiệp tỉnh xây dựng kế hoạch thực hiện như sau:",
              "Trên đây là Kế hoạch tiếp tục đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” năm  "
              "2024 của Đảng ủy Khối cơ quan và doanh nghiệp tỉnh. Đề nghị các tổ chức đảng, đoàn thể "
              "trực thuộc chỉ đạo triển khai thực hiện."),
        body_range=("{% if thuc_hien %}", "{%p endif %}"),  # through “(Có các biểu mẫu …)” and its endif
        fields={"ít nhất 05 mô hình": "ít nhất {{ chi_tieu_loai.doan_the }} mô hình",
                "ít nhất 02 mô hình": "ít nhất {{ chi_tieu_loai.dang_bo_co_so }} mô hình",
                "ít nhất 01 mô hình": "ít nhất {{ chi_tieu_loai.chi_bo_co_so }} mô hình",
                "trước ngày 15/4/2024": "trước ngày {{ han_dang_ky }}",
                "trước ngày 15/11/2024": "trước ngày {{ han_bao_cao }}"},
        edits=[replace_text("Phụ lục III", "Phụ lục 4"), replace_text("Phụ lục II", ""),
               replace_text("Phụ lục I", "Phụ lục 1")],
    ),
    Seed(
        folder="seed-004", kind="ke-hoach", profile="cong-doan",
        settings={
            "profile": "Công đoàn", "parent_body": "LĐLĐ THÀNH PHỐ HỒ CHÍ MINH",
            "issuing_body": "LIÊN ĐOÀN LAO ĐỘNG QUẬN 1", "issuing_abbr": "LĐLĐ",
            "place": "Quận 1", "year": 2018, "report_deadline": dt.date(2018, 9, 13),
            "legal_bases": "Kế hoạch số 70/KH-LĐLĐ ngày 29/12/2017 của Liên đoàn Lao động Thành phố "
                           "Hồ Chí Minh\nKế hoạch số 02-KH/BDV ngày 28/02/2018 của Ban Dân vận Quận ủy "
                           "Quận 1",
        },
        signer={"code": "CT", "name": "Trương Thị Minh Dung", "title": "CHỦ TỊCH", "authority": "TM.",
                "on_behalf_of": "BAN THƯỜNG VỤ"},
        recipients=["Ban Tuyên giáo LĐLĐ TP", "Ban Dân vận Quận ủy Q1", "UV BCH LĐLĐ Q1",
                    "BCH CĐCS trực thuộc", "Lưu: VP, TG, mail, web"],
        summary="Phát động phong trào thi đua “Dân vận khéo” kỷ niệm 88 năm Ngày truyền thống công tác "
                "dân vận của Đảng (15/10/1930 – 15/10/2018)",
        body=("Thực hiện Kế hoạch số 70/KH-LĐLĐ ngày 29/12/2017 của Liên đoàn Lao động Thành phố Hồ Chí "
              "Minh về phát động phong trào thi đua “Dân vận khéo” kỷ niệm 88 năm Ngày truyền thống công "
              "tác dân vận của Đảng (15/10/1930 – 15/10/2018) và kế hoạch số 02-KH/BDV ngày 28/02/2018 "
              "của ban Dân vận quận ủy quận 1 về việc thực hiện công tác dân vận năm 2018 chủ đề “Năm "
              "dân vận chính quyền”. Liên đoàn Lao động quận 1 xây dựng kế hoạch phát động phong trào "
              "thi đua “Dân vận khéo” trong năm 2018, cụ thể như sau:",
              "Trên đây là kế hoạch phát động phong trào thi đua “Dân vận khéo” kỷ niệm 88 năm ngày "
              "Truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2018) của Liên đoàn Lao động "
              "quận 1, BCH công đoàn cơ sở căn cứ tình hình thực tiễn tại đơn vị để cụ thể hóa, xây dựng "
              "kế hoạch tổ chức thực hiện đạt kết quả tốt nhất."),
        body_range=("{% if thuc_hien %}", "{%p endif %}"),  # through “(Có các biểu mẫu …)” and its endif
        fields={"ngày 13 tháng 9 năm 2018": "{{ han_bao_cao_ngay }}"},
        edits=[drop_appendices],
    ),
]


if __name__ == "__main__":
    main()
