package org.serveline.server.portal.internal;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/** The portal's pages: plain HTML in Chinese, one column, readable on a phone. */
public final class PortalPages {

    /** One document as the party sees it in the list. */
    public record DocumentLine(String id, String fileName, long size, String sha256) {
    }

    private PortalPages() {
    }

    public static String codeForm(String token, String message) {
        return page("电子送达 · 输入验证码", """
                <p>您好！法院已向您电子送达诉讼文书。请输入短信或邮件中的 6 位验证码查看文书。</p>
                %s
                <form method="post" action="/s/%s">
                  <label for="code">验证码</label>
                  <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>
                  <button type="submit">查看文书</button>
                </form>
                <p class="hint">连续输错 5 次链接将被锁定，需联系法院重新发送。请勿将验证码告诉他人。</p>
                """.formatted(message == null ? "" : "<p class=\"error\">" + esc(message) + "</p>", esc(token)));
    }

    public static String documents(String token, String court, String caseNumber, List<DocumentLine> documents) {
        StringBuilder list = new StringBuilder("<ul>");
        for (DocumentLine doc : documents) {
            String base = "/s/" + esc(token) + "/documents/" + esc(doc.id());
            list.append("<li><strong>").append(esc(doc.fileName())).append("</strong><br><small>")
                    .append(doc.size()).append(" 字节 · SHA-256 ").append(esc(doc.sha256())).append("</small><br>")
                    .append("<a href=\"").append(base).append("\">在线阅读</a> · ")
                    .append("<a href=\"").append(base).append("?download=true\">下载</a></li>");
        }
        list.append("</ul>");
        return page("电子送达 · 诉讼文书", """
                <p>%s</p>
                <p>案号：%s</p>
                <p>以下文书已向您送达，请及时阅读并下载保存：</p>
                %s
                """.formatted(esc(court), esc(caseNumber), list));
    }

    public static String notFound() {
        return page("链接无效", "<p>链接无效或已过期。如有疑问，请拨打法院公布的电话核实。</p>");
    }

    public static String locked() {
        return page("链接已锁定", "<p>验证码错误次数过多，此链接已锁定。请联系法院重新发送送达短信。</p>");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;
                       max-width:36rem;padding:1rem;line-height:1.6;font-size:1.05rem}
                  input,button{font-size:1.3rem;padding:.5rem;width:100%%;box-sizing:border-box;margin:.4rem 0}
                  .error{color:#b00020}.hint,small{color:#555;word-break:break-all}li{margin:.8rem 0}
                </style></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(esc(title), esc(title), body);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
