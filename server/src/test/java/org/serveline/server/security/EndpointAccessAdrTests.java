package org.serveline.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** ADR 0019's table says what {@link EndpointAccess#TABLE} does, row by row and numbered in order. */
class EndpointAccessAdrTests {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|.*$");

    @Test
    void adr0019ShowsEveryRowOfTheTableInItsOrder() throws IOException {
        Path adr;
        try (var files = Files.list(Path.of("..", "docs", "adr"))) {
            adr = files.filter(f -> f.getFileName().toString().startsWith("0019-")).findFirst().orElseThrow();
        }
        List<String> shown = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(adr)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(Integer.parseInt(row.group(1))).as("row numbers follow each other").isEqualTo(++number);
                shown.add(row.group(2).trim() + " " + row.group(3).trim() + " " + row.group(4).trim());
            }
        }
        List<String> table = new ArrayList<>();
        for (EndpointAccess.Rule rule : EndpointAccess.TABLE) {
            String method = rule.method() == null ? "any" : rule.method().name();
            String paths = String.join(", ", rule.patterns().stream().map(p -> "`" + p + "`").toList());
            String who = switch (rule.access()) {
                case EndpointAccess.Open open -> "anyone";
                case EndpointAccess.SignedIn signedIn -> "signed in";
                case EndpointAccess.Roles roles -> String.join(", ", roles.roles().stream().map(Enum::name).toList());
            };
            table.add(method + " " + paths + " " + who);
        }
        table.add("any anything else nobody");
        assertThat(normalized(shown)).isEqualTo(normalized(table));
    }

    /** Roles in any order: the ADR lists them as they read best. */
    private static List<String> normalized(List<String> rows) {
        return rows.stream().map(row -> {
            int last = row.lastIndexOf('`');
            String who = row.substring(last + 1).trim();
            return row.substring(0, last + 1) + " " + new TreeSet<>(Arrays.asList(who.split(",\\s*")));
        }).toList();
    }
}
