package org.serveline.server.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * The {@code VALUES} list of a multi-row insert with named parameters: one statement (one round trip) for a batch
 * of rows, where JDBC batching through MariaDB's bulk protocol would not report per-row results.
 *
 * @param values {@code (:c0_0, :c1_0), (:c0_1, :c1_1), …}, to follow {@code VALUES}
 * @param params the parameters those names refer to
 */
public record MultiRow(String values, Map<String, Object> params) {

    /** One row per item; {@code columns} gives, in column order, how each column's value is taken from an item. */
    public static <T> MultiRow of(List<T> items, SequencedMap<String, Function<T, Object>> columns) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a multi-row insert needs at least one row");
        }
        Map<String, Object> params = new HashMap<>();
        List<String> rows = new ArrayList<>(items.size());
        for (int row = 0; row < items.size(); row++) {
            List<String> names = new ArrayList<>(columns.size());
            for (var column : columns.entrySet()) {
                String name = column.getKey() + "_" + row;
                names.add(":" + name);
                params.put(name, column.getValue().apply(items.get(row)));
            }
            rows.add("(" + String.join(", ", names) + ")");
        }
        return new MultiRow(String.join(", ", rows), params);
    }
}
