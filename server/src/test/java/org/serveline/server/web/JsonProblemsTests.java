package org.serveline.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The detail of an unreadable JSON body: the field and what it should hold, never a server class name. */
class JsonProblemsTests {

    enum Colour { RED, GREEN }

    record Item(String name, int count) {
    }

    record Order(String code, Colour colour, List<Item> items, Object anything) {

        Order {
            if ("forbidden".equals(code)) {
                throw new IllegalArgumentException("code 'forbidden' is reserved");
            }
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void eachKindOfUnreadableBodyNamesTheFieldAndTheExpectedValue() {
        assertThat(detail("{\"colour\":\"BLUE\"}")).isEqualTo("malformed JSON: field 'colour': 'BLUE' is not one of RED, GREEN");
        assertThat(detail("{\"items\":[{\"count\":\"many\"}]}"))
                .isEqualTo("malformed JSON: field 'items[0].count': 'many' is not a number in range");
        assertThat(detail("{\"code\":{}}")).isEqualTo("malformed JSON: field 'code': expected a text");
        assertThat(detail("{\"code\":\"forbidden\"}")).isEqualTo("malformed JSON: the body: code 'forbidden' is reserved");
        assertThat(detail("{\"size\":1}")).isEqualTo("unknown field 'size'");
        assertThat(detail("{\"code\":")).startsWith("malformed JSON at line 1, column");
        assertThat(detail("{\"anything\":" + "[".repeat(2000) + "]".repeat(2000) + "}"))
                .isEqualTo("malformed JSON: the body is nested too deeply or holds a value that is too long");
    }

    @Test
    void noDetailShowsAClassNameOrABacktickQuotedInternal() {
        for (String body : List.of("[]", "{\"code\":[1]}", "{\"items\":{}}", "{\"colour\":7.5}", "\"x\"", "{\"a\" 1}")) {
            assertThat(detail(body)).doesNotContain("org.", "java.", "`", "Order", "Item", "JsonProblemsTests");
        }
    }

    @Test
    void anEchoedValueIsShortened() {
        assertThat(detail("{\"colour\":\"" + "B".repeat(5000) + "\"}")).hasSizeLessThan(200).contains("…");
    }

    private static String detail(String body) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> JSON.readValue(body, Order.class));
        assertThat(e).as("reading %s", body).isNotNull();
        return JsonProblems.detail(e).english();
    }
}
