package sediment.core.util;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class JsonTest {

    enum Colour { RED, GREEN }

    record Doc(String name, Integer count, Long big, Double ratio, Boolean flag, Colour colour, List<String> items,
               Map<String, String> settings) {
    }

    private static Doc read(String json) {
        return Json.read("doc.json", json.getBytes(StandardCharsets.UTF_8), Doc.class);
    }

    private static String error(String json) {
        Throwable thrown = catchThrowable(() -> read(json));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n", "com.fasterxml", "java.lang").startsWith("doc.json");
        return thrown.getMessage();
    }

    @Test
    void shouldReadWellTypedValues() {
        Doc doc = read("""
                {"name": "n", "count": 3, "big": 9007199254740993, "ratio": 2, "flag": true, "colour": "GREEN",
                 "items": ["a"], "settings": {"k": "v"}}
                """);

        assertThat(doc).isEqualTo(new Doc("n", 3, 9007199254740993L, 2.0, true, Colour.GREEN, List.of("a"), Map.of("k", "v")));
    }

    @Test
    void shouldRefuseScalarCoercions() {
        assertThat(error("{\"name\": 5}")).isEqualTo("doc.json line 1, column 10: field 'name' has the wrong type: expected a string, got 5");
        assertThat(error("{\"name\": true}")).contains("field 'name' has the wrong type: expected a string, got true");
        assertThat(error("{\"count\": \"3\"}")).contains("field 'count' has the wrong type: expected an integer");
        assertThat(error("{\"count\": 2.5}")).contains("field 'count' has the wrong type: expected an integer, got 2.5");
        assertThat(error("{\"count\": true}")).contains("field 'count' has the wrong type: expected an integer");
        assertThat(error("{\"big\": \"\"}")).contains("field 'big' has the wrong type: expected an integer, got \"\"");
        assertThat(error("{\"ratio\": \"1.5\"}")).contains("field 'ratio' has the wrong type: expected a number");
        assertThat(error("{\"flag\": 1}")).contains("field 'flag' has the wrong type: expected true or false, got 1");
        assertThat(error("{\"flag\": \"true\"}")).contains("field 'flag' has the wrong type: expected true or false");
        assertThat(error("{\"settings\": {\"k\": 1}}")).contains("field 'settings.k' has the wrong type: expected a string, got 1");
        assertThat(error("{\"items\": \"a\"}")).contains("field 'items' has the wrong type: expected an array");
        assertThat(error("{\"items\": [1]}")).contains("field 'items[0]' has the wrong type: expected a string, got 1");
    }

    @Test
    void shouldRefuseANumberForAnEnum() {
        assertThat(error("{\"colour\": 1}")).contains("field 'colour'");
        assertThat(error("{\"colour\": \"BLUE\"}")).contains("field 'colour' has an invalid value \"BLUE\" (expected one of: RED, GREEN)");
    }

    @Test
    void shouldNameUnknownFieldsAndWhereTheyAre() {
        assertThat(error("{\"name\": \"n\",\n \"cuont\": 3}"))
                .isEqualTo("doc.json line 2, column 2: unknown field 'cuont' (expected one of: big, colour, count, flag, items, name, ratio, settings)");
    }

    @Test
    void shouldRefuseDuplicateKeysTrailingTokensAndEmptyDocuments() {
        assertThat(error("{\"name\": \"a\", \"name\": \"b\"}")).contains("invalid JSON: Duplicate field 'name'");
        assertThat(error("{\"name\": \"a\"} {}")).contains("line 1, column 15");
        assertThat(error("")).isEqualTo("doc.json line 1, column 0: the document is empty");
        assertThat(error("[1]")).contains("the document has the wrong type: expected an object");
        assertThat(error("{\"name\": \"a\"")).contains("invalid JSON: Unexpected end-of-input");
        // A truncated document across lines: one line naming the place, without Jackson's quote of the document.
        assertThat(error("{\"items\": [\n")).isEqualTo("doc.json line 2, column 1: invalid JSON: Unexpected end-of-input:"
                + " expected close marker for Array");
    }
}
