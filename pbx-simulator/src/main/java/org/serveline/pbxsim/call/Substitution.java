package org.serveline.pbxsim.call;

import java.util.function.Function;

/** Dialplan-style {@code ${NAME}} substitution; an unknown name becomes empty, as in Asterisk. */
final class Substitution {

    private Substitution() {
    }

    static String apply(String template, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (end < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            String value = lookup.apply(template.substring(start + 2, end));
            out.append(value == null ? "" : value);
            i = end + 1;
        }
        return out.toString();
    }
}
