package sediment.core.partition;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;
import sediment.core.schema.PrimitiveType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SplitPointsReaderTest {

    private static List<Object> read(String content, PrimitiveType type) {
        return SplitPointsReader.read("splits.txt", content.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String error(String content, PrimitiveType type) {
        Throwable thrown = catchThrowable(() -> read(content, type));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        assertThat(thrown.getMessage()).startsWith("splits.txt").doesNotContain("\n");
        return thrown.getMessage();
    }

    @Test
    void shouldReadOneSplitPointPerLineSkippingBlankLines() {
        assertThat(read("10\n\n20\r\n 30 \n", PrimitiveType.LONG)).containsExactly(10L, 20L, 30L);
        assertThat(read("-5\n   \n7", PrimitiveType.INT)).containsExactly(-5, 7);
    }

    @Test
    void shouldKeepStringLinesExactly() {
        assertThat(read(" a\na b\n\ud83d\ude00\n", PrimitiveType.STRING)).containsExactly(" a", "a b", "\ud83d\ude00");
    }

    @Test
    void shouldReadByteArraysAsBase64Lines() {
        List<Object> points = read("AQ==\ngA==\n/w==\n", PrimitiveType.BYTE_ARRAY);
        assertThat(points).hasSize(3);
        assertThat((byte[]) points.get(1)).containsExactly(0x80);
    }

    @Test
    void shouldReadTimestampAndDateSplitPointsInIsoForm() {
        assertThat(read("2026-11-21T00:00:00Z\n2026-11-21T10:15:30.123456Z\n", PrimitiveType.TIMESTAMP)).containsExactly(
                java.time.Instant.parse("2026-11-21T00:00:00Z"), java.time.Instant.parse("2026-11-21T10:15:30.123456Z"));
        assertThat(read("1969-12-31\n2026-11-21\n", PrimitiveType.DATE))
                .containsExactly(java.time.LocalDate.of(1969, 12, 31), java.time.LocalDate.of(2026, 11, 21));
        assertThat(error("2026-11-21\n2026-11-20\n", PrimitiveType.DATE)).isEqualTo("splits.txt line 2: split points are not in"
                + " increasing order: 2026-11-20 is not greater than the split point before it, 2026-11-21 (line 1)");
        assertThat(error("2026-11-21 10:15\n", PrimitiveType.TIMESTAMP)).isEqualTo("splits.txt line 1: '2026-11-21 10:15' is not a"
                + " valid TimestampType (expected ISO-8601 such as 2026-11-21T10:15:30.123456Z)");
    }

    @Test
    void shouldIgnoreAByteOrderMark() {
        assertThat(read("\uFEFFb\nc\n", PrimitiveType.STRING)).containsExactly("b", "c");
    }

    @Test
    void shouldNameTheLineOfAValueThatDoesNotParse() {
        assertThat(error("10\n\n2o\n", PrimitiveType.LONG)).isEqualTo("splits.txt line 3: '2o' is not a valid LongType");
        assertThat(error("AQ==\n***\n", PrimitiveType.BYTE_ARRAY)).isEqualTo("splits.txt line 2: '***' is not a valid ByteArrayType (expected Base64)");
    }

    @Test
    void shouldNameBothLinesWhenSplitPointsAreOutOfOrder() {
        assertThat(error("10\n30\n\n20\n", PrimitiveType.LONG)).isEqualTo("splits.txt line 4: split points are not in increasing order:"
                + " 20 is not greater than the split point before it, 30 (line 2)");
        assertThat(error("b\nb\n", PrimitiveType.STRING)).contains("line 2", "'b' is not greater than the split point before it, 'b' (line 1)");
    }

    @Test
    void shouldOrderStringsByUtf8BytesNotUtf16() {
        // U+FF5E then U+1F600 is increasing in UTF-8 byte order (and in Spark), although not in String.compareTo.
        assertThat(read("\uff5e\n\ud83d\ude00\n", PrimitiveType.STRING)).hasSize(2);
        assertThat(error("\ud83d\ude00\n\uff5e\n", PrimitiveType.STRING)).contains("line 2", "not in increasing order");
    }

    @Test
    void shouldOrderByteArraysUnsigned() {
        // 0x7F then 0x80: increasing unsigned, although (byte) 0x80 is negative.
        assertThat(read("fw==\ngA==\n", PrimitiveType.BYTE_ARRAY)).hasSize(2);
        assertThat(error("gA==\nfw==\n", PrimitiveType.BYTE_ARRAY)).contains("line 2", "not in increasing order");
    }

    @Test
    void shouldRefuseTheSmallestValue() {
        assertThat(error(Long.MIN_VALUE + "\n5\n", PrimitiveType.LONG)).contains("line 1", "is the smallest LongType value");
    }

    @Test
    void shouldReadAJsonArray() {
        assertThat(read("  [10, 20,\n 30]", PrimitiveType.LONG)).containsExactly(10L, 20L, 30L);
        assertThat(read("[\"a\", \"b\"]", PrimitiveType.STRING)).containsExactly("a", "b");
        assertThat(read("[]", PrimitiveType.INT)).isEmpty();
        assertThat((byte[]) read("[\"gA==\"]", PrimitiveType.BYTE_ARRAY).get(0)).containsExactly(0x80);
    }

    @Test
    void shouldNameElementLineAndColumnOfABadJsonSplitPoint() {
        assertThat(error("[10,\n \"20\"]", PrimitiveType.LONG))
                .isEqualTo("splits.txt line 2, column 2: split point [1] must be a JSON integer for LongType, got \"20\"");
        assertThat(error("[\"a\", 5]", PrimitiveType.STRING))
                .isEqualTo("splits.txt line 1, column 7: split point [1] must be a JSON string for StringType, got 5");
        assertThat(error("[1, [2]]", PrimitiveType.INT)).contains("split point [1]", "got an array");
        assertThat(error("[1.5]", PrimitiveType.LONG)).contains("split point [0] must be a JSON integer", "got 1.5");
        assertThat(error("[3000000000]", PrimitiveType.INT)).isEqualTo("splits.txt line 1, column 2: split point [0]: '3000000000' is not a valid IntType");
        assertThat(error("[\"%%\"]", PrimitiveType.BYTE_ARRAY)).contains("split point [0]", "expected Base64");
    }

    @Test
    void shouldNameBothPlacesWhenJsonSplitPointsAreOutOfOrder() {
        assertThat(error("[\n  10,\n  5\n]", PrimitiveType.LONG)).isEqualTo("splits.txt line 3, column 3: split point [1]: split points"
                + " are not in increasing order: 5 is not greater than the split point before it, 10 (line 2, column 3)");
    }

    @Test
    void shouldReportMalformedJsonWithItsLocation() {
        assertThat(error("[10, 20", PrimitiveType.LONG)).contains("invalid JSON");
        assertThat(error("[10,\n, 20]", PrimitiveType.LONG)).contains("line 2", "invalid JSON");
        assertThat(error("[10] [20]", PrimitiveType.LONG)).contains("line 1, column 6", "unexpected content after the array");
    }
}
