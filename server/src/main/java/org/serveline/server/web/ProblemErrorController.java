package org.serveline.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}): what a filter or the container refused (a URL the firewall
 * rejects, a failed sign-in, an exception that escaped a filter) answers an RFC 9457 problem like every other error,
 * whatever the client accepts, without exception text or stack trace. Replaces Spring Boot's whitelabel/JSON page.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c && HttpStatus.resolve(c) != null && c >= 400
                ? HttpStatus.valueOf(c) : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        problems.write(response, status, detail(status), uri instanceof String u ? u : request.getRequestURI());
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "请求格式不正确 / the request is malformed";
            case UNAUTHORIZED -> "需要登录 / authentication required";
            case FORBIDDEN -> "当前角色无权执行此操作 / your role may not do this";
            case NOT_FOUND -> "未找到 / not found";
            case METHOD_NOT_ALLOWED -> "不支持该请求方法 / this method is not supported here";
            case CONTENT_TOO_LARGE -> "请求内容过大 / the request is too large";
            case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "请求地址或请求头过长 / the URL or headers are too long";
            default -> status.is5xxServerError() ? "服务器内部错误，请稍后再试 / the server could not answer this request"
                    : "请求无法处理 / the request cannot be processed (" + status.getReasonPhrase() + ")";
        };
    }
}
