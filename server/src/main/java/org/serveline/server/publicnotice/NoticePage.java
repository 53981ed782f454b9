package org.serveline.server.publicnotice;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The court's public notice page ({@code /notices}): no sign-in, Chinese, readable on a phone. */
@RestController
class NoticePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final PublicNotices notices;

    NoticePage(PublicNotices notices) {
        this.notices = notices;
    }

    @GetMapping("/notices")
    ResponseEntity<String> list(@RequestParam(required = false) String court) {
        List<PublicNotice> visible = notices.visible(court == null || court.isBlank() ? null : court);
        StringBuilder html = new StringBuilder(head("法院公告"));
        html.append("<h1>法院公告</h1>");
        if (visible.isEmpty()) {
            html.append("<p class=\"empty\">目前没有公告。</p>");
        }
        html.append("<ul>");
        for (PublicNotice n : visible) {
            html.append("<li><a href=\"/notices/").append(n.id()).append("\">").append(e(n.title())).append("</a>")
                    .append("<div class=\"meta\">受送达人：").append(e(n.partyName()))
                    .append(" · 发布日期：").append(DAY.format(n.publishedAt().atZone(n.timeZone())))
                    .append(" · 公告期满：").append(DAY.format(n.serviceDay()))
                    .append(" · <span class=\"status\">").append(n.status().chinese()).append("</span></div></li>");
        }
        html.append("</ul>").append(FOOT);
        return ResponseEntity.ok().contentType(HTML).body(html.toString());
    }

    @GetMapping("/notices/{id}")
    ResponseEntity<String> one(@PathVariable String id) {
        long noticeId;
        try {
            noticeId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            noticeId = -1;
        }
        var notice = notices.get(noticeId).filter(n -> n.status() != PublicNotice.Status.WITHDRAWN);
        if (notice.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML)
                    .body(head("未找到公告") + "<h1>未找到该公告</h1><p><a href=\"/notices\">返回公告列表</a></p>" + FOOT);
        }
        PublicNotice n = notice.get();
        StringBuilder html = new StringBuilder(head(n.title()));
        html.append("<h1>").append(e(n.title())).append("</h1>")
                .append("<p class=\"meta\">").append(n.status().chinese()).append(" · 发布日期：")
                .append(DAY.format(n.publishedAt().atZone(n.timeZone()))).append(" · 公告期：")
                .append(n.noticePeriod().chinese()).append(" · 公告期满：").append(DAY.format(n.serviceDay()))
                .append("</p><article>");
        for (String paragraph : n.body().split("\n")) {
            html.append("<p>").append(e(paragraph)).append("</p>");
        }
        html.append("</article><p><a href=\"/notices\">返回公告列表</a></p>").append(FOOT);
        return ResponseEntity.ok().contentType(HTML).body(html.toString());
    }

    private static String head(String title) {
        return """
                <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""" + e(title) + """
                </title><style>
                body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;
                max-width:42rem;padding:1rem;line-height:1.7;color:#222}
                h1{font-size:1.4rem}li{margin:.8rem 0}.meta{color:#555;font-size:.9rem}
                .status{font-weight:bold}article p{text-indent:2em}
                </style></head><body>""";
    }

    private static final String FOOT = "</body></html>";

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
