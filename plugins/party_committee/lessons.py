"""Demo lesson content of the Party committee track: a few paragraphs for each of its topics.

This is demo material written for ``hocviec serve --demo``, not the district's lectures: the
Content Appraisal Board (Ban Thẩm định nội dung soạn – giảng) reviews it and replaces it with
the Drafting-and-Teaching Board's own. It cites no document by number; the real lectures cite
the Party's and the State's documents in force.
"""

from __future__ import annotations

NOTICE = (
    "> *Tài liệu mẫu (demo) của hệ thống, để Ban Thẩm định nội dung soạn – giảng của huyện "
    "xem xét và thay thế bằng bài giảng chính thức của Ban Soạn – Giảng.*"
)

LESSONS: dict[str, tuple[str, str]] = {
    "PC01": (
        "Công tác tuyên giáo của cấp ủy cơ sở",
        "Công tác tuyên giáo giúp cán bộ, đảng viên và nhân dân trong xã hiểu đúng, làm theo "
        "chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước. Đảng ủy xã lãnh "
        "đạo việc học tập, quán triệt nghị quyết; định hướng thông tin và nắm bắt tư tưởng, dư "
        "luận xã hội ở thôn, bản.\n\n"
        "Bí thư, Phó Bí thư Đảng ủy cần nắm chắc tình hình tư tưởng trong chi bộ và khu dân cư, "
        "phân công cấp ủy viên phụ trách, sử dụng hệ thống truyền thanh cơ sở, sinh hoạt chi bộ "
        "và các buổi họp thôn để tuyên truyền ngắn gọn, dễ hiểu, gắn với việc cụ thể của địa "
        "phương.\n\n"
        "Kết quả công tác tuyên giáo được đánh giá qua việc cán bộ, đảng viên gương mẫu thực "
        "hiện và nhân dân đồng thuận với các chủ trương của xã, không để phát sinh điểm nóng.",
    ),
    "PC02": (
        "Công tác dân vận của cấp ủy cơ sở",
        "Công tác dân vận là nhiệm vụ của cả hệ thống chính trị, trong đó Đảng ủy xã lãnh đạo "
        "và Mặt trận Tổ quốc, các đoàn thể là nòng cốt. Phương châm là gần dân, hiểu dân, học "
        "dân và có trách nhiệm với dân; nói đi đôi với làm.\n\n"
        "Ở xã, công tác dân vận gắn với thực hiện dân chủ ở cơ sở: nhân dân được biết, được "
        "bàn, được làm, được kiểm tra, giám sát. Cấp ủy cần chỉ đạo chính quyền thực hiện công "
        "khai, minh bạch và phát huy phong trào thi đua “Dân vận khéo”.\n\n"
        "Người đứng đầu cấp ủy trực tiếp nắm tâm tư, nguyện vọng của nhân dân, chỉ đạo giải "
        "quyết kịp thời kiến nghị chính đáng ngay từ cơ sở.",
    ),
    "PC03": (
        "Công tác kiểm tra, giám sát của cấp ủy cơ sở",
        "Kiểm tra, giám sát là chức năng lãnh đạo của Đảng. Đảng ủy xã xây dựng chương trình "
        "kiểm tra, giám sát hằng năm; Ủy ban Kiểm tra Đảng ủy giúp cấp ủy thực hiện và thực "
        "hiện các nhiệm vụ theo Điều lệ Đảng.\n\n"
        "Nội dung thường tập trung vào việc chấp hành nghị quyết, quy định của Đảng, việc tu "
        "dưỡng, rèn luyện của đảng viên, thực hiện nhiệm vụ được giao và những lĩnh vực dễ phát "
        "sinh sai phạm như đất đai, tài chính, đầu tư xây dựng ở xã.\n\n"
        "Bí thư cần chỉ đạo kiểm tra đúng quy trình, kết luận rõ ràng và theo dõi việc khắc "
        "phục sau kiểm tra; coi trọng giám sát thường xuyên để phòng ngừa sai phạm từ sớm.",
    ),
    "PC04": (
        "Kỹ năng lãnh đạo, chỉ đạo của Bí thư, Phó Bí thư Đảng ủy",
        "Bí thư, Phó Bí thư Đảng ủy lãnh đạo bằng nghị quyết, chương trình công tác và sự "
        "phân công rõ người, rõ việc, rõ thời hạn. Kỹ năng cơ bản gồm nắm tình hình, xác định "
        "khâu đột phá, điều hành hội nghị và kết luận vấn đề.\n\n"
        "Trong chỉ đạo, người đứng đầu giữ nguyên tắc tập trung dân chủ, phát huy trí tuệ tập "
        "thể, đồng thời dám quyết định và chịu trách nhiệm. Việc khó, việc mới cần chỉ đạo "
        "điểm, rút kinh nghiệm rồi nhân rộng.\n\n"
        "Kết quả lãnh đạo được kiểm chứng bằng việc thực hiện các chỉ tiêu của nghị quyết và "
        "sự hài lòng của nhân dân.",
    ),
    "PC05": (
        "Quy trình tiếp xúc, đối thoại giữa Bí thư Đảng ủy cơ sở với nhân dân",
        "Tiếp xúc, đối thoại trực tiếp với nhân dân giúp Bí thư nắm tình hình thực tế và giải "
        "quyết kịp thời kiến nghị của dân. Cuộc đối thoại cần được chuẩn bị: chủ đề, thành "
        "phần, thời gian, địa điểm, thông báo trước cho nhân dân.\n\n"
        "Trong buổi đối thoại, người chủ trì lắng nghe, trả lời những vấn đề thuộc thẩm quyền, "
        "nêu rõ hướng xử lý và thời hạn với những vấn đề cần xem xét thêm; không hứa những việc "
        "ngoài thẩm quyền.\n\n"
        "Sau đối thoại, Đảng ủy giao cơ quan, người có trách nhiệm giải quyết, theo dõi và "
        "thông báo kết quả cho nhân dân.",
    ),
    "PC06": (
        "Xây dựng tổ chức cơ sở đảng và công tác kết nạp đảng viên",
        "Đảng bộ xã là nền tảng của Đảng ở cơ sở. Xây dựng tổ chức cơ sở đảng trong sạch, "
        "vững mạnh bắt đầu từ nâng cao chất lượng sinh hoạt chi bộ: nội dung thiết thực, "
        "tăng cường tự phê bình và phê bình.\n\n"
        "Công tác phát triển đảng viên cần quan tâm tạo nguồn từ đoàn viên thanh niên, người "
        "tiêu biểu trong phong trào ở thôn, bản; xóa thôn, bản chưa có đảng viên hoặc chưa có "
        "chi bộ. Việc kết nạp thực hiện đúng Điều lệ Đảng và hướng dẫn của cấp trên.\n\n"
        "Cấp ủy phân công đảng viên chính thức giúp đỡ quần chúng phấn đấu và theo dõi, giúp "
        "đỡ đảng viên dự bị trong thời gian dự bị.",
    ),
    "PC07": (
        "Tổ chức hội nghị Đảng ủy và ban hành nghị quyết",
        "Hội nghị Đảng ủy được chuẩn bị chu đáo: Thường trực Đảng ủy xây dựng chương trình, "
        "phân công chuẩn bị văn bản, gửi tài liệu trước cho cấp ủy viên nghiên cứu.\n\n"
        "Người chủ trì điều hành để hội nghị tập trung vào vấn đề chính, bảo đảm dân chủ "
        "thảo luận và biểu quyết theo nguyên tắc tập trung dân chủ; kết luận rõ những vấn đề "
        "đã thống nhất.\n\n"
        "Nghị quyết của Đảng ủy cần ngắn gọn, có mục tiêu, chỉ tiêu, giải pháp và phân công cụ "
        "thể, đúng thể thức văn bản của Đảng; sau khi ban hành phải được quán triệt, cụ thể hóa "
        "thành kế hoạch và được kiểm tra việc thực hiện.",
    ),
    "PC08": (
        "Công tác cán bộ và đánh giá, xếp loại chất lượng đảng viên hằng năm",
        "Đảng ủy xã lãnh đạo công tác cán bộ ở cơ sở: nhận xét, đánh giá, quy hoạch, đào tạo, "
        "bồi dưỡng, bố trí, sử dụng cán bộ theo phân cấp quản lý. Kết quả học việc tại các cơ "
        "quan của huyện là một căn cứ đánh giá cán bộ, công chức cấp xã hằng năm.\n\n"
        "Đánh giá, xếp loại chất lượng đảng viên tiến hành hằng năm theo hướng dẫn của cấp "
        "trên: đảng viên tự kiểm điểm, chi bộ góp ý, cấp ủy xem xét và quyết định xếp loại. "
        "Việc đánh giá phải dựa trên kết quả thực hiện nhiệm vụ cụ thể.\n\n"
        "Bí thư chịu trách nhiệm chỉ đạo để việc đánh giá thực chất, tránh nể nang, hình thức.",
    ),
    "PC09": (
        "Lãnh đạo phát triển kinh tế – xã hội và bảo đảm quốc phòng – an ninh ở cơ sở",
        "Đảng ủy xã lãnh đạo phát triển kinh tế – xã hội bằng nghị quyết đại hội, nghị quyết "
        "hằng năm và các chương trình, đề án phù hợp thế mạnh của địa phương như cây ăn quả, "
        "chăn nuôi, xây dựng nông thôn mới.\n\n"
        "Bí thư Đảng ủy lãnh đạo công tác quân sự, quốc phòng địa phương và giữ gìn an ninh "
        "chính trị, trật tự an toàn xã hội: xây dựng lực lượng dân quân, phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc, nắm chắc tình hình ở thôn, bản.\n\n"
        "Phát triển kinh tế – xã hội phải gắn với bảo đảm quốc phòng – an ninh; cấp ủy định kỳ "
        "sơ kết, tổng kết và điều chỉnh giải pháp kịp thời.",
    ),
}
"""Each topic's demo lesson, by topic code: its title and Markdown body (without the notice)."""


def lesson_body(code: str) -> str:
    """The Markdown body of a topic's demo lesson, opening with the demo notice."""
    title, body = LESSONS[code]
    return f"{NOTICE}\n\n## {title}\n\n{body}"
