package org.serveline.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MultiRowTests {

    record Person(String name, int age) {
    }

    private static SequencedMap<String, Function<Person, Object>> columns() {
        SequencedMap<String, Function<Person, Object>> columns = new LinkedHashMap<>();
        columns.put("name", Person::name);
        columns.put("age", Person::age);
        return columns;
    }

    @Test
    void namesEveryValueByColumnAndRowInColumnOrder() {
        MultiRow rows = MultiRow.of(List.of(new Person("张三", 30), new Person("李四", 41)), columns());

        assertThat(rows.values()).isEqualTo("(:name_0, :age_0), (:name_1, :age_1)");
        assertThat(rows.params()).containsOnly(java.util.Map.entry("name_0", "张三"), java.util.Map.entry("age_0", 30),
                java.util.Map.entry("name_1", "李四"), java.util.Map.entry("age_1", 41));
    }

    @Test
    void keepsNullValues() {
        MultiRow rows = MultiRow.of(List.of(new Person(null, 1)), columns());

        assertThat(rows.params()).containsEntry("name_0", null).hasSize(2);
    }

    @Test
    void refusesAnInsertWithoutRows() {
        assertThatThrownBy(() -> MultiRow.of(List.<Person>of(), columns()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
    }
}
