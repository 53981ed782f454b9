package org.serveline.server.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.serveline.server.testsupport.RawHttp.Header;
import org.serveline.server.web.FuzzEndpoints.Endpoint;
import tools.jackson.databind.json.JsonMapper;

/** Builds malformed requests for one endpoint from a seeded {@link Random}: the same seed, the same requests. */
final class FuzzRequests {

    /** One request as it goes on the wire; {@code anonymous} ones carry no credentials. */
    record FuzzRequest(Endpoint endpoint, boolean anonymous, boolean session, String method, String target,
            List<Header> headers, byte[] body) {

        String describe() {
            StringBuilder text = new StringBuilder(anonymous ? "anonymous " : session ? "fuzzer's session " : "fuzzer ")
                    .append(method).append(' ')
                    .append(excerpt(target, 200));
            headers.forEach(h -> text.append("\n    ").append(h.name()).append(": ").append(excerpt(h.value(), 80)));
            if (body != null) {
                text.append("\n    body (").append(body.length).append(" bytes): ")
                        .append(excerpt(new String(body, StandardCharsets.UTF_8), 160));
            }
            return text.toString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}|\\*\\*");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "TRACE", "FOO");
    private static final List<String> SUFFIXES = List.of("/", "//", "/.", "/..", "/%2e%2e/%2e%2e/api/v1/me",
            ";x=y", "/%00", "%20", "/extra/segments/here", ".json", "~");
    private static final List<String> PARAM_NAMES = List.of("page", "size", "limit", "from", "to", "court",
            "state", "download", "chain", "within", "reason", "bucket", "agent", "x");
    private static final List<String> RANGES = List.of("bytes=z-", "bytes=-", "bytes=5-1", "bytes=-0", "items=0-1",
            "bytes=99999999999999999999-", "bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9", "bytes=0-", "bytes",
            "bytes=-99999999999999999999");
    private static final List<String> ACCEPTS = List.of("*/x", "garbage", "application/json;q=abc", "text/html",
            "image/png", "application/problem+json", "*/*;q=0", "text/csv", "application/xml", "");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=bogus",
            "application/json; charset=UTF-7", "text/plain", "application/xml", "garbage", "application/json;;;",
            "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded",
            "text/csv; charset=UTF-8", "application/octet-stream", "*/*", "application/*", "");

    private final Random random;
    /** Whether a signed-in request rides on the session or on HTTP Basic: drawn apart, so the rest stays as it was. */
    private final Random sessions;
    private final FuzzValues values;
    private final List<String> realIds;

    FuzzRequests(long seed, List<String> realIds) {
        this.random = new Random(seed);
        this.sessions = new Random(~seed);
        this.values = new FuzzValues(random);
        this.realIds = realIds;
    }

    FuzzRequest next(Endpoint endpoint) {
        boolean anonymous = random.nextInt(5) == 0;
        boolean session = !anonymous && sessions.nextInt(3) == 0;
        String method = random.nextInt(12) == 0 ? values.pick(METHODS) : endpoint.method();
        List<Header> headers = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            headers.add(header(endpoint, anonymous));
        }
        byte[] body = null;
        if (endpoint.takesBody() || random.nextInt(10) == 0) {
            body = body(endpoint, headers);
        }
        return new FuzzRequest(endpoint, anonymous, session, method, path(endpoint.pattern()) + query(endpoint),
                headers, body);
    }

    private String path(String pattern) {
        Matcher variables = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = random.nextInt(4) == 0 ? values.pick(realIds) : values.segment();
            variables.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        variables.appendTail(path);
        if (random.nextInt(15) == 0) {
            path.append(values.pick(SUFFIXES));
        }
        return path.toString();
    }

    private String query(Endpoint endpoint) {
        if (random.nextBoolean()) {
            return "";
        }
        List<String> names = new ArrayList<>(endpoint.params());
        if (names.isEmpty() || random.nextInt(3) == 0) {
            names.add(values.pick(PARAM_NAMES));
        }
        List<String> pairs = new ArrayList<>();
        for (String name : names) {
            if (random.nextInt(4) != 0) {
                pairs.add(name + "=" + (random.nextInt(30) == 0 ? "9".repeat(20_000) : values.segment()));
            }
        }
        if (random.nextInt(8) == 0) {
            pairs.add(values.pick(List.of("", "=", "=x", "a", "%zz=1", "&&", "page=1&page=x", "a[]=1", "a.b.c=1")));
        }
        return pairs.isEmpty() ? "?" : "?" + String.join("&", pairs);
    }

    private Header header(Endpoint endpoint, boolean anonymous) {
        return switch (random.nextInt(anonymous ? 12 : 11)) {
            case 0 -> new Header("Idempotency-Key", values.pick(FuzzValues.HEADER_VALUES));
            case 1 -> new Header("Range", values.pick(RANGES));
            case 2 -> new Header("Accept", values.pick(ACCEPTS));
            case 3 -> new Header("X-Access-Reason", values.pick(FuzzValues.HEADER_VALUES));
            case 4 -> new Header(endpoint.headers().isEmpty() ? "X-Carrier-Signature" : values.pick(endpoint.headers()),
                    values.pick(FuzzValues.HEADER_VALUES));
            case 5 -> new Header("Accept-Language", values.pick(List.of("zz-;q=x", "*", "", "zh-CN;q=2", "键")));
            case 6 -> new Header("Cookie", values.pick(List.of("JSESSIONID=%%%", "=", ";;;", "a=\"b",
                    "JSESSIONID=" + "A".repeat(4000))));
            case 7 -> new Header("If-None-Match", values.pick(FuzzValues.HEADER_VALUES));
            case 8 -> new Header("If-Modified-Since", values.pick(List.of("yesterday", "", "Mon, 99 Foo 2026")));
            case 9 -> new Header("Origin", values.pick(List.of("null", "http://a b", "http://evil.example", "")));
            case 10 -> new Header("Content-Encoding", values.pick(List.of("gzip", "br", "x-garbage")));
            default -> new Header("Authorization", values.pick(List.of("Basic !!!", "Bearer x", "Basic bm9jb2xvbg==",
                    "Basic " + "A".repeat(5000), "Basic", "Digest x", "Basic 5Lit5paH")));
        };
    }

    private byte[] body(Endpoint endpoint, List<Header> headers) {
        String declared = endpoint.consumes().isEmpty() ? "application/json" : endpoint.consumes().get(0).toString();
        String type = random.nextInt(4) == 0 ? values.pick(CONTENT_TYPES) : declared;
        if (!type.isEmpty() || random.nextBoolean()) {
            headers.add(new Header("Content-Type", type));
        }
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> utf8(values.pick(List.of("{", "{\"a\":}", "[1,2", "nul", "\"open", "{'a':'b'}",
                    "{\"a\":1}trailing", "\u0000", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":\"\\uZZZZ\"}")));
            case 2 -> utf8(values.pick(List.of("[]", "\"text\"", "42", "null", "true", "[{}]", "{}")));
            case 3 -> deep();
            case 4 -> utf8("{\"" + (endpoint.bodyType() != null && endpoint.bodyType().isRecord()
                    && endpoint.bodyType().getRecordComponents().length > 0
                    ? endpoint.bodyType().getRecordComponents()[0].getName() : "a") + "\":\""
                    + "x".repeat(FuzzValues.ONE_MB) + "\"}");
            case 5 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xC0, (byte) 0xAF,
                '"', '}'};
            case 6 -> multipart(headers);
            case 7 -> utf8(values.pick(List.of("code=%zz", "code=" + "9".repeat(5000), "&&==", "code=%E4%B8",
                    "code&code=1&code=2", "code=😀")));
            case 8 -> utf8(values.pick(List.of("phone,name\n\"unterminated", "a,b,c\n" + "x,".repeat(5000),
                    "\uFEFF;;;\n\n\n", "号码,姓名\n13800138000," + "长".repeat(3000), "\u0000\u0001")));
            case 9 -> {
                byte[] noise = new byte[random.nextInt(2000)];
                random.nextBytes(noise);
                yield noise;
            }
            default -> typed(endpoint);
        };
    }

    private byte[] typed(Endpoint endpoint) {
        Object value;
        if (endpoint.bodyType() != null && endpoint.bodyType().isRecord()) {
            value = values.objectFor(endpoint.bodyType(), 0);
        } else {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put(values.pick(PARAM_NAMES), values.jsonFor(Object.class, 0));
            value = object;
        }
        return JSON.writeValueAsBytes(value);
    }

    private byte[] deep() {
        int depth = 2000 + random.nextInt(20_000);
        return utf8(random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    private byte[] multipart(List<Header> headers) {
        headers.removeIf(h -> h.name().equals("Content-Type"));
        return switch (random.nextInt(5)) {
            case 0 -> {
                headers.add(new Header("Content-Type", "multipart/form-data"));
                yield utf8("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n");
            }
            case 1 -> {
                headers.add(new Header("Content-Type", "multipart/form-data; boundary=zz"));
                yield utf8("--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--other--\r\n");
            }
            case 2 -> {
                headers.add(new Header("Content-Type", "multipart/form-data; boundary=zz"));
                yield utf8("--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\nabc");
            }
            case 3 -> {
                headers.add(new Header("Content-Type", "multipart/form-data; boundary=zz"));
                yield utf8("--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../"
                        + "长".repeat(300) + "\"\r\nContent-Type: ;;;\r\n\r\n\u0000\r\n--zz--\r\n");
            }
            default -> {
                headers.add(new Header("Content-Type", "multipart/form-data; boundary=zz"));
                byte[] noise = new byte[FuzzValues.ONE_MB];
                random.nextBytes(noise);
                byte[] head = utf8("--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n");
                byte[] tail = utf8("\r\n--zz--\r\n");
                byte[] all = new byte[head.length + noise.length + tail.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(noise, 0, all, head.length, noise.length);
                System.arraycopy(tail, 0, all, head.length + noise.length, tail.length);
                yield all;
            }
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String excerpt(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }
}
