package org.serveline.server.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Garbage for each place a request carries a value: path segments and query values (already in request-target
 * form, some deliberately invalid), header values, and JSON values aimed at a body's own fields. None contains a
 * word the leak checks look for, so an echoed value is never mistaken for a leak.
 */
final class FuzzValues {

    static final int ONE_MB = 1 << 20;

    /** Path segments and query values as they go on the wire. */
    static final List<String> SEGMENTS = List.of(
            "", "-1", "0", "1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "1.5", "1e3", "0x1F", "abc", "null", "true", "NaN",
            "%00", "a%00b", "..%2f..%2fetc%2fpasswd", "%2e%2e", "..", ".", "%2F", "%5C", "%C0%AF", "%c0%ae%c0%ae",
            "%zz", "%", "%E4%B8", "%E4%B8%AD%E6%96%87", "%F0%9F%98%80", "%ff%fe", "%0d%0aSet-Cookie:%20x=1",
            "a;b=c", ";jsessionid=1", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%20'1'='1", "%24%7Bjndi%7D",
            "00000000-0000-0000-0000-000000000000", "ABCD-EFGH-JKMN", "P-1D", "P99999999999D", "2026-02-30",
            "9".repeat(400), "a".repeat(3000), "%E4%B8%AD".repeat(500));

    /** Segments a conforming client would never send: raw bytes that are not allowed in a request target. */
    static final List<String> RAW_SEGMENTS = List.of("中文", "a b", "a<b>", "{x}", "a|b", "a\"b", "\\..\\",
            "a\tb", "%%", "a#b");

    static final List<String> STRINGS = List.of("", " ", "\t\n", "\u0000", "x".repeat(300), "长".repeat(2000),
            "😀".repeat(60), "<script>alert(1)</script>", "' OR 1=1 --", "9999-99-99", "P-1D", "NOPE", "-1",
            "\ud800", "\u202e\u200b", "1e999", "a".repeat(70_000));

    static final List<Object> NUMBERS = List.of(-1, 0, Long.MAX_VALUE, Long.MIN_VALUE, 1.0e308, 1.5,
            new BigInteger("123456789012345678901234567890"), Integer.MAX_VALUE + 1L);

    static final List<String> HEADER_VALUES = List.of("", " ", "x".repeat(6000), "键值", "%zz", "%E4%B8%AD",
            "\u0001", "a,b,c", "\"quoted", "bytes=z-", "*/x");

    private final Random random;

    FuzzValues(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String segment() {
        return random.nextInt(12) == 0 ? pick(RAW_SEGMENTS) : pick(SEGMENTS);
    }

    /** A JSON value for a field of the given type: usually of that type but evil, sometimes of another type. */
    Object jsonFor(Type type, int depth) {
        if (depth > 3 || random.nextInt(4) == 0) {
            return anyJson(depth);
        }
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (raw == String.class) {
            return string();
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive() && raw != boolean.class) {
            return pick(NUMBERS);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return random.nextBoolean() ? constants[random.nextInt(constants.length)].toString() : "NOPE";
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (random.nextInt(10) == 0) {
                return java.util.Collections.nCopies(2000, random.nextBoolean() ? "13800138000" : 1);
            }
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(jsonFor(element, depth + 1));
            }
            return list;
        }
        if (raw.isRecord()) {
            return objectFor(raw, depth + 1);
        }
        return anyJson(depth);
    }

    /** An object with the record's own field names (so it gets past "unknown field"), holding evil values. */
    Map<String, Object> objectFor(Class<?> record, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            if (random.nextInt(6) != 0) {
                object.put(component.getName(), jsonFor(component.getGenericType(), depth));
            }
        }
        return object;
    }

    private String string() {
        return random.nextInt(40) == 0 ? "x".repeat(ONE_MB) : pick(STRINGS);
    }

    private Object anyJson(int depth) {
        return switch (random.nextInt(7)) {
            case 0 -> string();
            case 1 -> pick(NUMBERS);
            case 2 -> random.nextBoolean();
            case 3 -> List.of();
            case 4 -> {
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put("a", depth > 3 ? null : anyJson(depth + 1));
                yield nested;
            }
            case 5 -> java.util.Collections.singletonList(null);
            default -> null;
        };
    }
}
