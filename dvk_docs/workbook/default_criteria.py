"""The default scoring criteria written into Tiêu chí by ``dvk init``: the table of seed 003.

Groups: "I" applies to every model (criteria 1-10, 75 points); "II.1" to models carried out by a
collective and "II.2" to models of one person (both numbered 11-15, 25 points). A model passes with
at least 75 points and criteria 2, 7, 9, 11 and 15 at their maximum.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Criterion

_MUST_BE_MAX = frozenset({2, 7, 9, 11, 15})

_TABLE = (  # (number, group, text, maximum)
    (1, "I", "Mô hình “Dân vận khéo” phải xác định rõ tên, địa chỉ, có đăng ký thực hiện từ đầu năm; "
     "được cấp ủy hoặc cơ quan tham mưu cấp huyện tổng hợp danh sách theo dõi, chỉ đạo việc thực "
     "hiện.", 5),
    (2, "I", "Nội dung thực hiện giải quyết được những việc mới, khó khăn, cấp bách hoặc những nhiệm "
     "vụ chính trị của địa phương, cơ quan, đơn vị đang tập trung lãnh đạo, chỉ đạo thực hiện.", 10),
    (3, "I", "Giải quyết nhu cầu, lợi ích, nguyện vọng chính đáng, hợp pháp của nhân dân và phát huy "
     "được quyền làm chủ của nhân dân.", 10),
    (4, "I", "Có sự phối hợp tham gia hiệu quả của các cơ quan, tổ chức trong hệ thống chính trị và "
     "của nhiều thành phần, lực lượng trong xã hội.", 5),
    (5, "I", "Thu hút, tập hợp, huy động được đông đảo các cá nhân trong tổ chức và đoàn viên, hội "
     "viên, nhân dân hưởng ứng tham gia thực hiện.", 5),
    (6, "I", "Huy động được các nguồn lực xã hội hóa để thực hiện mô hình.", 5),
    (7, "I", "Mô hình có đóng góp tích cực vào việc phát triển kinh tế, văn hóa - xã hội, quốc "
     "phòng - an ninh, xây dựng hệ thống chính trị vững mạnh của địa phương.", 10),
    (8, "I", "Mô hình được tổ chức thực hiện linh hoạt, sáng tạo, tiết kiệm thời gian, nguồn lực "
     "nhưng vẫn đáp ứng yêu cầu nhiệm vụ, đem lại hiệu quả thiết thực.", 5),
    (9, "I", "Là những mô hình có tính bền vững, có sức lan tỏa trong cộng đồng, có khả năng nhân "
     "rộng ra các địa phương, các cơ quan, đơn vị.", 10),
    (10, "I", "Mô hình được tổng kết, đánh giá, tổ chức học tập kinh nghiệm tại địa phương, cơ quan, "
     "đơn vị.", 10),
    (11, "II.1", "Cán bộ, đảng viên của tập thể đoàn kết, tiên phong, gương mẫu; thực hiện nghiêm "
     "công tác phòng, chống tham nhũng và các hiện tượng tiêu cực, tệ nạn xã hội; thực hành tiết "
     "kiệm, chống lãng phí.", 5),
    (12, "II.1", "Nắm chắc tâm tư, nguyện vọng, tình hình nhân dân liên quan đến chức năng, nhiệm "
     "vụ, lĩnh vực hoạt động của cơ quan, tổ chức.", 5),
    (13, "II.1", "Thường xuyên tổ chức quán triệt, tuyên truyền đường lối, chủ trương của Đảng, "
     "chính sách pháp luật của Nhà nước đến cán bộ, đảng viên, công chức, người lao động về công "
     "tác dân vận.", 5),
    (14, "II.1", "Có hình thức phù hợp biểu dương, khen thưởng các cá nhân, tập thể tiêu biểu trong "
     "việc thực hiện phong trào thi đua “Dân vận khéo”, xây dựng mô hình “Dân vận khéo” hằng năm.", 5),
    (15, "II.1", "Hằng năm, tập thể hoàn thành tốt nhiệm vụ trở lên.", 5),
    (11, "II.2", "Có phẩm chất chính trị tốt, lối sống lành mạnh; nói và làm đúng chủ trương, đường "
     "lối của Đảng, chính sách, pháp luật của Nhà nước; không mắc các tệ nạn xã hội. Đối với cán "
     "bộ, đảng viên đang công tác trong các cơ quan, đơn vị, doanh nghiệp… phải thường xuyên giữ "
     "mối liên hệ tốt với cấp ủy và nhân dân nơi cư trú.", 5),
    (12, "II.2", "Đóng góp ý kiến, sáng kiến trong công tác dân vận ở địa phương, cơ quan, đơn vị, "
     "đoàn thể, doanh nghiệp.", 5),
    (13, "II.2", "Tiên phong, gương mẫu, tích cực, đi đầu trong mọi công việc, được tập thể cơ quan, "
     "đơn vị hoặc cộng đồng dân cư, quần chúng nhân dân tin tưởng, ủng hộ, học tập, noi theo.", 5),
    (14, "II.2", "Thường xuyên vận động, giúp đỡ nhân dân nơi mình sinh sống thực hiện các cách làm "
     "sáng tạo, mô hình hiệu quả, mang lại nhiều lợi ích thiết thực cho bản thân và cộng đồng.", 5),
    (15, "II.2", "Hằng năm, cá nhân hoàn thành tốt nhiệm vụ trở lên hoặc được địa phương, tổ chức, "
     "đoàn thể đánh giá mức độ tốt.", 5),
)

DEFAULT_CRITERIA: tuple[Criterion, ...] = tuple(  #: the 15 + 5 criteria of seed 003, in sheet order
    Criterion(number, group, text, Decimal(maximum), number in _MUST_BE_MAX)
    for number, group, text, maximum in _TABLE
)
