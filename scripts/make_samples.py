#!/usr/bin/env python3
"""Write the sample workbooks of samples/ (fixed random seed and times: the same bytes every run).

    python scripts/make_samples.py [OUT_DIR]      (default: samples/ of the repository)

* dang-uy-khoi.xlsx: a Party committee shaped like seed 003 (Đảng ủy Khối cơ quan và doanh nghiệp
  tỉnh Yên Bái, 2024; profile Đảng): 45 units (đoàn thể, đảng bộ cơ sở, chi bộ cơ sở), over 300
  models, scores for every model (passes, fails on the total, fails only on the must-be-maximum
  rule; a few models scored by two council members); the Ban Thường vụ's vote on the models that
  pass (11 members, 10 present, one written ballot; most reach 90 %, some do not).
* ldld-tinh.xlsx: a provincial trade union shaped like seed 000 (LĐLĐ huyện target 3, Công đoàn
  ngành target 2; profile Công đoàn).
* ubnd-huyen.xlsx: a district People's Committee with its communes and offices (profile Nhà nước).

Each book is created by the ``dvk init`` writer, then filled through ``FileSource.write`` - the
same code path the commands use. Deliberate warnings only: a few registrations after the deadline
and one unit below its target.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sample_images import write_images  # noqa: E402  (scripts/, beside this file)

from dvk_docs.model import CellUpdate  # noqa: E402
from dvk_docs.workbook.create import create_workbook  # noqa: E402
from dvk_docs.workbook.default_criteria import DEFAULT_CRITERIA  # noqa: E402
from dvk_docs.workbook.safe_save import LOCK_SUFFIX  # noqa: E402
from dvk_docs.workbook.schema import score_field  # noqa: E402
from dvk_docs.workbook.sources import FileSource  # noqa: E402

SEED = 20241015  #: random seed: 15/10, the traditional day of dân vận work
STAMP = dt.datetime(2024, 10, 15)  #: the books' created/modified time and zip entry time (same bytes every run)
CORE_TIMES = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*")  #: in docProps/core.xml
MUST_BE_MAX = tuple(sorted({c.number for c in DEFAULT_CRITERIA if c.must_be_max}))
IMAGE_FOLDER = "anh"  #: the pictures' folder, beside the books (Người ký paths are relative to it)
SIGNER_IMAGES = {"signature_image": f"{IMAGE_FOLDER}/chu-ky.png", "seal_image": f"{IMAGE_FOLDER}/con-dau.png"}
MAXIMA = {c.number: c.maximum for c in DEFAULT_CRITERIA}  # 11-15 have the same maxima in II.1/II.2

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Ngô", "Dương",
          "Lương", "Đinh", "Triệu", "Lò", "Nông", "Phùng", "Cao", "Tạ")
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Ngọc", "Mạnh", "Công")
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Thị Thu", "Thị Minh", "Kim", "Phương")
GIVEN_MALE = ("Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phong", "Thắng", "Cường", "Quân", "Khánh",
              "Bình", "Sơn", "Toàn", "Nam", "Huy", "Đạt", "Trung", "Kiên", "Tiến", "Lâm")
GIVEN_FEMALE = ("Hoa", "Lan", "Hương", "Mai", "Thủy", "Hằng", "Nga", "Huyền", "Yến", "Trang",
                "Thảo", "Linh", "Hà", "Dung", "Oanh", "Nhung", "Loan", "Giang", "Vân", "Thoa")

TOPICS = {  #: model-name beginnings per field; the place (and a number if needed) makes them unique
    "Kinh tế": (
        "Hỗ trợ hộ nghèo phát triển chăn nuôi bò sinh sản",
        "Liên kết tiêu thụ quế hữu cơ cho hộ đồng bào",
        "Vận động người lao động tiết kiệm chi phí sản xuất",
        "Hướng dẫn hộ dân xây dựng sản phẩm OCOP",
        "Thanh toán không dùng tiền mặt trong thu phí dịch vụ",
        "Trồng rừng gỗ lớn gắn với chứng chỉ rừng bền vững",
        "Tổ hợp tác nuôi cá lồng trên hồ",
        "Vườn mẫu trồng chè Shan tuyết an toàn",
    ),
    "Văn hóa - xã hội": (
        "Xây dựng cơ quan, doanh nghiệp hạnh phúc",
        "Tủ sách pháp luật và văn hóa đọc",
        "Nhận đỡ đầu học sinh có hoàn cảnh khó khăn",
        "Câu lạc bộ văn nghệ, thể thao người lao động",
        "Bữa cơm có thịt cho học sinh bán trú",
        "Phân loại rác thải tại nguồn",
        "Khám bệnh, cấp thuốc miễn phí cho người cao tuổi",
        "Chuyển đổi số trong khám, chữa bệnh",
    ),
    "Quốc phòng - an ninh": (
        "Cơ quan an toàn về an ninh, trật tự",
        "Tổ tự quản phòng cháy, chữa cháy",
        "Văn hóa giao thông trong đoàn viên, người lao động",
        "Nắm bắt dư luận, phòng ngừa tin giả trên mạng xã hội",
        "Giúp đỡ người lầm lỗi tái hòa nhập cộng đồng",
        "Đảm bảo an ninh tại khu vực dự án",
    ),
    "Xây dựng Đảng và hệ thống chính trị": (
        "Lãnh đạo thực hiện chuyển đổi số trong sinh hoạt chi bộ",
        "Đối thoại trực tiếp giữa người đứng đầu và người lao động",
        "Cải cách thủ tục hành chính một cửa liên thông",
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Nâng cao chất lượng sinh hoạt chi bộ chuyên đề",
        "Phát triển đảng viên trong doanh nghiệp",
    ),
    "Xây dựng nông thôn mới": (
        "Hiến đất làm đường giao thông nông thôn",
        "Thôn kiểu mẫu sáng, xanh, sạch, đẹp",
        "Đường hoa, đường điện chiếu sáng thôn bản",
    ),
    "Đô thị văn minh": (
        "Tuyến phố văn minh, không rác thải",
        "Trật tự vỉa hè, lòng đường",
        "Tổ dân phố không có người sử dụng ma túy",
    ),
}

FIELD_WEIGHTS = {"Kinh tế": 26, "Văn hóa - xã hội": 30, "Quốc phòng - an ninh": 14,
                 "Xây dựng Đảng và hệ thống chính trị": 18, "Xây dựng nông thôn mới": 7,
                 "Đô thị văn minh": 5}
SCALES = ("{n} đoàn viên, người lao động", "{n} hộ gia đình", "{n} cán bộ, đảng viên",
          "{n} học sinh", "{n} ha", "{n} hội viên")
RESULTS = (
    "{n} lượt người tham gia; thu nhập bình quân tăng {p}% so với năm trước.",
    "Vận động được {n} hộ tham gia; giảm {p}% thời gian giải quyết công việc.",
    "Tổ chức {p} buổi sinh hoạt, thu hút {n} lượt người tham gia.",
    "Huy động {n} triệu đồng xã hội hóa; {p} gia đình được hỗ trợ.",
)


@dataclass(frozen=True)
class UnitSpec:
    """One unit of a sample: name, kind, how many models it registers, explicit target or None."""

    name: str
    kind: str
    models: int
    target: int | None = None
    places: tuple[str, ...] = ()


@dataclass
class Sample:
    """Everything one sample book holds, before it is written."""

    file: str
    settings: dict[str, object]
    units: list[UnitSpec]
    signers: list[dict[str, str]]
    recipients: dict[str, list[str]]
    scorers: tuple[str, ...] = ("Tổ thẩm định",)
    performers: tuple[str, ...] = ("Chi bộ", "Công đoàn cơ sở", "Chi đoàn")
    fields: tuple[str, ...] = tuple(FIELD_WEIGHTS)
    late: int = 0  #: registrations after the deadline
    two_scorers: int = 0  #: models scored by two council members
    council: int = 0  #: members of the council voting on the models that pass (0 = no vote)


def main(argv: Sequence[str]) -> None:
    """Write every sample into ``argv[0]`` (default: samples/ of the repository)."""
    out = Path(argv[0]) if argv else ROOT / "samples"
    out.mkdir(parents=True, exist_ok=True)
    for image in write_images(out / IMAGE_FOLDER):
        print(f"  {image}")
    for make in (party_sample, union_sample, state_sample):
        sample = make()
        write_sample(out / sample.file, sample, random.Random(f"{SEED}-{sample.file}"))
        print(f"  {out / sample.file}")


def write_sample(path: Path, sample: Sample, rng: random.Random) -> None:
    """Create ``path`` with ``dvk init``'s writer, then fill it through FileSource.write."""
    path.unlink(missing_ok=True)  # regenerated: no backup of the old sample
    create_workbook(path)
    source = FileSource(path, keep_backups=0)
    layouts = source.load().layouts
    rows = _RowCounter({key: layout.header_row for key, layout in layouts.items()})
    updates = [CellUpdate("settings", None, key, value) for key, value in sample.settings.items()]
    models = list(_models(sample, rng))
    for code, unit in _unit_codes(sample):
        updates += rows.add("units", code=code, name=unit.name, kind=unit.kind, target=unit.target)
    for model in models:
        updates += rows.add("models", **{k: v for k, v in model.items() if not k.startswith("_")})
    outcomes: dict[str, str] = {}
    for model, scorer, points in _score_rows(sample, models, rng):
        updates += rows.add("scores", model_code=model["code"], scorer=scorer,
                            **{score_field(n): p for n, p in points.items()})
        outcomes.setdefault(str(model["code"]), _outcome_of(points))  # a second scorer agrees
    if sample.council:
        passed = [code for code, outcome in outcomes.items() if outcome == "pass"]
        updates += _vote_rows(sample.council, passed, rows, random.Random(f"{SEED}-{sample.file}-vote"))
    for signer in sample.signers:  # the default signer signs with pictures (signature and seal)
        images = SIGNER_IMAGES if signer["code"] == sample.settings["default_signer"] else {}
        updates += rows.add("signers", **signer, **images)
    for kind, lines in sample.recipients.items():
        for order, text in enumerate(lines, start=1):
            updates += rows.add("recipients", kind=kind, text=text, order=order)
    source.write(updates)
    path.with_name(path.stem + LOCK_SUFFIX).unlink(missing_ok=True)  # samples/ holds only the books
    _stamp(path)


def _stamp(path: Path) -> None:
    """Put :data:`STAMP` where openpyxl wrote the time of the run: the created and modified dates of
    docProps/core.xml and the date of every zip entry (all else is kept byte for byte)."""
    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w") as book:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = CORE_TIMES.sub(rf"\g<1>{stamp}", data.decode("utf-8")).encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, STAMP.timetuple()[:6])
            fixed.compress_type, fixed.create_system = info.compress_type, info.create_system
            fixed.external_attr = info.external_attr
            book.writestr(fixed, data)


class _RowCounter:
    """Hands out the next data row of each sheet as CellUpdates with explicit row numbers."""

    def __init__(self, header_rows: dict[str, int]) -> None:
        self.next = {key: row + 1 for key, row in header_rows.items()}

    def add(self, sheet: str, **values: object) -> list[CellUpdate]:
        row = self.next[sheet]
        self.next[sheet] = row + 1
        return [CellUpdate(sheet, row, name, value) for name, value in values.items()
                if value not in (None, "")]


def _unit_codes(sample: Sample) -> Iterator[tuple[str, UnitSpec]]:
    for index, unit in enumerate(sample.units, start=1):
        yield f"{index:03d}", unit


def _models(sample: Sample, rng: random.Random) -> Iterator[dict[str, object]]:
    year = int(sample.settings["year"])  # type: ignore[arg-type]
    deadline: dt.date = sample.settings["registration_deadline"]  # type: ignore[assignment]
    total = sum(unit.models for unit in sample.units)
    late = set(rng.sample(range(total), sample.late))
    used: set[str] = set()
    number = 0
    weights = [FIELD_WEIGHTS[f] for f in sample.fields]
    for code, unit in _unit_codes(sample):
        short = _short_name(unit.name)
        for _ in range(unit.models):
            field_name = rng.choices(sample.fields, weights)[0]
            collective = rng.random() < 0.72
            place = rng.choice(unit.places) if unit.places else short
            name = _unique_name(rng, field_name, place, used)
            if number in late:
                registered = deadline + dt.timedelta(days=rng.randint(1, 12))
            else:
                registered = dt.date(year, 2, 20) + dt.timedelta(
                    days=rng.randint(0, (deadline - dt.date(year, 2, 20)).days))
            number += 1
            performer = (f"{rng.choice(sample.performers)} {short}" if collective
                         else _person(rng))
            yield {
                "code": f"MH{number:04d}",
                "unit_code": code,
                "name": name,
                "subject": "Tập thể" if collective else "Cá nhân",
                "performer": performer,
                "field": field_name,
                "place": place,
                "lead": performer if collective else unit.name,
                "scale": rng.choice(SCALES).format(n=rng.randint(2, 40) * 5),
                "status": "Duy trì" if rng.random() < 0.55 else "Mới",
                "registered_on": registered,
                "quantity": 1,
                "results_summary": rng.choice(RESULTS).format(n=rng.randint(3, 60) * 10,
                                                              p=rng.randint(5, 40)),
            }


def _score_rows(sample: Sample, models: list[dict[str, object]], rng: random.Random
                ) -> Iterator[tuple[dict[str, object], str, dict[int, Decimal]]]:
    double = set(rng.sample(range(len(models)), sample.two_scorers))
    for index, model in enumerate(models):
        outcome = rng.choices(("pass", "must-max", "low"), (66, 14, 20))[0]
        if index not in double:
            yield model, sample.scorers[0], _points(rng, outcome)
            continue
        first, second = _two_scorers(rng, outcome)
        yield model, sample.scorers[1], first
        yield model, sample.scorers[2], second


def _vote_rows(council: int, codes: list[str], rows: _RowCounter, rng: random.Random) -> list[CellUpdate]:
    """A secret ballot of ``council`` members on the models ``codes``, counted per model: one row
    for the members present (all but one), one for the absent member's written ballot."""
    updates = []
    present = council - 1
    for code in codes:
        agree = rng.choices((present, present - 1, present - 2, present - 4), (72, 14, 9, 5))[0]
        written = rng.random() < 0.9
        updates += rows.add("votes", model_code=code, attendance="Có mặt", agree=agree,
                            disagree=present - agree)
        updates += rows.add("votes", model_code=code, attendance="Vắng, gửi phiếu", agree=int(written),
                            disagree=int(not written))
    return updates


def _points(rng: random.Random, outcome: str) -> dict[int, Decimal]:
    """Points for criteria 1-15 giving ``outcome``: "pass", "must-max" (total ≥ 75 but one
    must-be-maximum criterion below its maximum) or "low" (total below 75)."""
    while True:
        points = {n: _draw(rng, MAXIMA[n], 0.7 if outcome != "low" else 0.35) for n in MAXIMA}
        for n in MUST_BE_MAX:
            points[n] = MAXIMA[n]
        if outcome == "must-max":
            n = rng.choice(MUST_BE_MAX)
            points[n] = MAXIMA[n] - rng.choice((1, 2))
        if _outcome_of(points) == outcome:
            return points


def _two_scorers(rng: random.Random, outcome: str) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    while True:
        first = _points(rng, outcome)
        second = {n: p if n in MUST_BE_MAX else min(MAXIMA[n], max(Decimal(0), p + rng.choice((-1, 0, 1))))
                  for n, p in first.items()}
        average = {n: (first[n] + second[n]) / 2 for n in first}
        if _outcome_of(average) == outcome:
            return first, second


def _outcome_of(points: dict[int, Decimal]) -> str:
    if sum(points.values()) < 75:
        return "low"
    return "pass" if all(points[n] == MAXIMA[n] for n in MUST_BE_MAX) else "must-max"


def _draw(rng: random.Random, maximum: Decimal, low: float) -> Decimal:
    value = Decimal(round(rng.uniform(float(maximum) * low, float(maximum)) * 2)) / 2
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _unique_name(rng: random.Random, field_name: str, place: str, used: set[str]) -> str:
    topics = TOPICS[field_name]
    for attempt in range(50):
        base = rng.choice(topics)
        name = f"{base} tại {place}" if attempt < 10 else f"{base} tại {place} (mô hình {attempt})"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("not enough distinct model names")


def _person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"


def _short_name(unit_name: str) -> str:
    for prefix in ("Đảng bộ ", "Chi bộ ", "Liên đoàn Lao động ", "Công đoàn ngành ", "Công đoàn "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix):]
    return unit_name


def party_sample() -> Sample:
    """Đảng ủy Khối cơ quan và doanh nghiệp tỉnh Yên Bái, 2024 (seed 003)."""
    mass = [("Công đoàn Viên chức tỉnh", 13), ("Đoàn Thanh niên Khối cơ quan và doanh nghiệp tỉnh", 14),
            ("Hội Cựu chiến binh Khối cơ quan và doanh nghiệp tỉnh", 9)]
    branches = ["Sở Y tế", "Bệnh viện Đa khoa tỉnh", "Sở Giáo dục & Đào tạo", "Công ty Điện lực Yên Bái",
                "Sở Nông nghiệp & Phát triển nông thôn", "Trường Cao đẳng Yên Bái", "Sở Tài chính",
                "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh", "Bảo hiểm xã hội tỉnh",
                "Ngân hàng Nông nghiệp & Phát triển nông thôn Chi nhánh Yên Bái",
                "Công ty Cổ phần Xi măng Yên Bình", "Sở Văn hóa, Thể thao và Du lịch",
                "Sở Giao thông vận tải - Xây dựng", "Công ty TNHH MTV Lâm nghiệp Văn Chấn",
                "Sở Kế hoạch và Đầu tư"]
    cells = ["Sở Tư pháp", "Sở Nội vụ", "Sở Công Thương", "Sở Khoa học & Công nghệ",
             "Sở Lao động - Thương binh và Xã hội", "Sở Thông tin & Truyền thông", "Thanh tra tỉnh",
             "Ban Dân tộc tỉnh", "Báo Yên Bái", "Đài Phát thanh & Truyền hình tỉnh",
             "Liên minh Hợp tác xã tỉnh", "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Sản - Nhi tỉnh",
             "Bệnh viện Y dược cổ truyền tỉnh", "Công ty Cổ phần Cấp nước Yên Bái",
             "Ngân hàng Chính sách xã hội tỉnh", "Quỹ Đầu tư phát triển tỉnh", "Cục Thống kê tỉnh",
             "Viễn thông Yên Bái", "Bưu điện tỉnh", "Công ty Xăng dầu Yên Bái",
             "Ban Quản lý các khu công nghiệp tỉnh", "Sở Tài nguyên và Môi trường",
             "Hội Chữ thập đỏ tỉnh", "Trường Trung cấp Y tế Yên Bái"]
    places = ("phường Yên Ninh, thành phố Yên Bái", "phường Nguyễn Thái Học, thành phố Yên Bái",
              "xã Tân Thịnh, thành phố Yên Bái", "xã Giới Phiên, thành phố Yên Bái",
              "thị trấn Yên Bình, huyện Yên Bình", "xã Âu Lâu, thành phố Yên Bái",
              "xã Suối Giàng, huyện Văn Chấn", "thị xã Nghĩa Lộ", "xã Mồ Dề, huyện Mù Cang Chải",
              "xã Đại Lịch, huyện Văn Chấn", "xã Minh Bảo, thành phố Yên Bái",
              "thị trấn Mậu A, huyện Văn Yên", "xã Nậm Búng, huyện Văn Chấn")
    units = [UnitSpec(name, "Đoàn thể", n, places=places) for name, n in mass]
    units[1] = UnitSpec(units[1].name, "Đoàn thể", 14, target=8, places=places)
    for index, name in enumerate(branches):
        count = 1 if index == 11 else 8 + index % 5  # the cement company stays below its target
        units.append(UnitSpec(f"Đảng bộ {name}", "Đảng bộ cơ sở", count, places=places))
    for index, name in enumerate(cells):
        units.append(UnitSpec(f"Chi bộ {name}", "Chi bộ cơ sở", 4 + index % 3, places=places))
    return Sample(
        file="dang-uy-khoi.xlsx",
        settings={
            "profile": "Đảng",
            "parent_body": "ĐẢNG BỘ TỈNH YÊN BÁI",
            "issuing_body": "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
            "issuing_abbr": "ĐUK",
            "issuer_name": "Ban Thường vụ Đảng ủy Khối",
            "place": "Yên Bái",
            "year": 2024,
            "decider": "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI",
            "legal_bases": "Đề án số 13-ĐA/TU ngày 16/3/2023 của Ban Thường vụ Tỉnh ủy Yên Bái;\n"
                           "Hướng dẫn số 02-HD/BDVTU ngày 27/6/2023 của Ban Dân vận Tỉnh ủy;\n"
                           "Kế hoạch số 29-KH/ĐUK ngày 20/02/2024 của Ban Thường vụ Đảng ủy Khối",
            "advisory_body": "Trưởng Ban Tuyên giáo Đảng ủy Khối",
            "default_signer": "PBT",
            "registration_deadline": dt.date(2024, 4, 15),
            "report_deadline": dt.date(2024, 11, 15),
            "decision_date": dt.date(2024, 10, 15),
            "council_name": "Ban Thường vụ Đảng ủy Khối",
            "council_members": 11,
            "council_present": 10,
            "vote_date": dt.date(2024, 10, 8),
            "tally_board": "Hoàng Văn Nam - Trưởng ban; Phạm Thị Yến - Thành viên; "
                           "Lò Thị Hoa - Thành viên",
            "logo_image": f"{IMAGE_FOLDER}/bieu-trung.png",
            "ceremony_time": "08 giờ 00, thứ Ba, ngày 15/10/2024",
            "ceremony_place": "Hội trường Đảng ủy Khối, số 2 đường Hoàng Hoa Thám, thành phố Yên Bái",
        },
        units=units,
        signers=[
            {"code": "BT", "name": "Nguyễn Mạnh Hùng", "title": "BÍ THƯ", "authority": "T/M",
             "on_behalf_of": "BAN THƯỜNG VỤ"},
            {"code": "PBT", "name": "Đỗ Thị Minh Phương", "title": "PHÓ BÍ THƯ", "authority": "T/M",
             "on_behalf_of": "BAN THƯỜNG VỤ"},
            {"code": "PBT2", "name": "Lương Văn Toàn", "title": "PHÓ BÍ THƯ", "authority": "K/T",
             "on_behalf_of": "BÍ THƯ"},
            {"code": "TBTG", "name": "Hà Thị Thu Hằng", "title": "TRƯỞNG BAN TUYÊN GIÁO"},
        ],
        recipients={
            "ke-hoach": ["Ban Dân vận Tỉnh ủy (b/c)", "Thường trực Đảng ủy Khối",
                         "Các ban XD Đảng, Văn phòng, đoàn thể khối", "Các chi bộ, đảng bộ cơ sở",
                         "Lưu Ban Tuyên giáo, Văn phòng ĐUK"],
            "quyet-dinh-cong-nhan": ["Ban Dân vận Tỉnh ủy (b/c)", "Thường trực Đảng ủy Khối",
                                     "Như Điều 3", "Lưu Ban Tuyên giáo, Văn phòng ĐUK"],
            "*": ["Lưu Văn phòng ĐUK"],
        },
        scorers=("Tổ thẩm định", "Hoàng Văn Nam", "Phạm Thị Yến"),
        performers=("Chi bộ", "Công đoàn cơ sở", "Chi đoàn Thanh niên", "Chi hội Cựu chiến binh",
                    "Ban Nữ công"),
        late=6,
        two_scorers=12,
        council=11,
    )


def union_sample() -> Sample:
    """Liên đoàn Lao động tỉnh Ninh Bình (seed 000): LĐLĐ huyện/thành phố and Công đoàn ngành."""
    districts = [("thành phố Hoa Lư", 4), ("thành phố Tam Điệp", 3), ("huyện Gia Viễn", 3),
                 ("huyện Nho Quan", 4), ("huyện Yên Khánh", 3), ("huyện Yên Mô", 3),
                 ("huyện Kim Sơn", 2)]  # Kim Sơn stays below its target of 3
    sectors = [("Giáo dục", 3), ("Y tế", 2), ("Công Thương", 2), ("Nông nghiệp & PTNT", 2),
               ("Giao thông - Xây dựng", 2)]
    units = [UnitSpec(f"Liên đoàn Lao động {name}", "LĐLĐ huyện", n, places=(name,))
             for name, n in districts]
    units += [UnitSpec(f"Công đoàn ngành {name}", "Công đoàn ngành", n, places=("tỉnh Ninh Bình",))
              for name, n in sectors]
    units.append(UnitSpec("Công đoàn các Khu công nghiệp tỉnh", "Công đoàn ngành", 3,
                          places=("Khu công nghiệp Gián Khẩu", "Khu công nghiệp Khánh Phú")))
    return Sample(
        file="ldld-tinh.xlsx",
        settings={
            "profile": "Công đoàn",
            "parent_body": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
            "issuing_body": "LIÊN ĐOÀN LAO ĐỘNG TỈNH NINH BÌNH",
            "issuing_abbr": "LĐLĐ",
            "issuer_name": "Ban Thường vụ Liên đoàn Lao động tỉnh",
            "place": "Ninh Bình",
            "year": 2025,
            "decider": "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH",
            "legal_bases": "Hướng dẫn số 01-HD/BCĐ ngày 28/6/2021 của Ban Chỉ đạo phong trào thi "
                           "đua “Dân vận khéo” tỉnh",
            "advisory_body": "Trưởng Ban Tuyên giáo - Nữ công",
            "default_signer": "PCT",
            "registration_deadline": dt.date(2025, 3, 31),
            "report_deadline": dt.date(2025, 10, 1),
            "ceremony_time": "08 giờ 30, thứ Tư, ngày 15/10/2025",
            "ceremony_place": "Nhà văn hóa Lao động tỉnh",
        },
        units=units,
        signers=[
            {"code": "CT", "name": "Phạm Văn Cường", "title": "CHỦ TỊCH", "authority": "TM.",
             "on_behalf_of": "BAN THƯỜNG VỤ"},
            {"code": "PCT", "name": "Lê Thị Mai Hương", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
             "authority": "TM.", "on_behalf_of": "BAN THƯỜNG VỤ"},
        ],
        recipients={
            "huong-dan": ["Ban Dân vận Tỉnh ủy", "Ban Tuyên giáo Tổng Liên đoàn",
                          "Thường trực, các ban LĐLĐ tỉnh", "LĐLĐ các huyện, thành phố, CĐ ngành",
                          "Website", "Lưu VT, TG-NC"],
            "*": ["Lưu VT, TG-NC"],
        },
        performers=("Công đoàn cơ sở", "Ban Nữ công", "Tổ công đoàn"),
        fields=("Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh",
                "Xây dựng Đảng và hệ thống chính trị"),
        late=2,
    )


def state_sample() -> Sample:
    """Ủy ban nhân dân huyện Yên Bình, 2024: its communes and offices (profile Nhà nước)."""
    communes = ["thị trấn Yên Bình", "thị trấn Thác Bà", "xã Phúc An", "xã Tân Hương", "xã Đại Đồng",
                "xã Cảm Nhân", "xã Vĩnh Kiên", "xã Xuân Long", "xã Mông Sơn", "xã Bạch Hà",
                "xã Hán Đà", "xã Vũ Linh"]
    offices = ["Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", "Phòng Nông nghiệp & PTNT",
               "Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin", "Phòng Tư pháp",
               "Văn phòng HĐND & UBND huyện", "Phòng Lao động - Thương binh và Xã hội"]
    units = [UnitSpec(f"UBND {name}", "Xã, phường", 4 + i % 3, target=3, places=(name,))
             for i, name in enumerate(communes)]
    units += [UnitSpec(name, "Phòng, ban", 2 + i % 2, target=1, places=("huyện Yên Bình",))
              for i, name in enumerate(offices)]
    return Sample(
        file="ubnd-huyen.xlsx",
        settings={
            "profile": "Nhà nước",
            "issuing_body": "ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH",
            "issuing_abbr": "UBND",
            "issuer_name": "Chủ tịch Ủy ban nhân dân huyện Yên Bình",
            "place": "Yên Bình",
            "year": 2024,
            "decider": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN BÌNH",
            "legal_bases": "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
                           "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "advisory_body": "Trưởng phòng Nội vụ",
            "default_signer": "PCT",
            "registration_deadline": dt.date(2024, 4, 15),
            "report_deadline": dt.date(2024, 10, 1),
            "award": "Có",
            "ceremony_time": "14 giờ 00, thứ Năm, ngày 10/10/2024",
            "ceremony_place": "Hội trường Ủy ban nhân dân huyện Yên Bình",
        },
        units=units,
        signers=[
            {"code": "CT", "name": "Vũ Quang Trung", "title": "CHỦ TỊCH", "authority": "TM.",
             "on_behalf_of": "ỦY BAN NHÂN DÂN"},
            {"code": "PCT", "name": "Đinh Thị Thu Trang", "title": "PHÓ CHỦ TỊCH", "authority": "KT.",
             "on_behalf_of": "CHỦ TỊCH"},
        ],
        recipients={
            "quyet-dinh-cong-nhan": ["Như Điều 3", "Ban Dân vận Huyện ủy", "Chủ tịch, các PCT UBND huyện",
                                     "Lưu: VT, NV"],
            "*": ["Lưu: VT, NV"],
        },
        performers=("Tổ dân phố", "Chi hội Phụ nữ", "Đoàn Thanh niên", "Hội Nông dân"),
        late=3,
    )

if __name__ == "__main__":
    main(sys.argv[1:])
