package sediment.core.key;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;
import sediment.core.schema.PrimitiveType;
import sediment.core.testutil.KeyArbitraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyTextTest {

    record Value(PrimitiveType type, Object value) {
    }

    @Provide
    Arbitrary<Value> values() {
        return Arbitraries.of(KeyArbitraries.KEY_TYPES)
                .flatMap(type -> KeyArbitraries.values(type).map(v -> new Value(type, v)));
    }

    @Property
    void parsingTheTextFormGivesTheValueBack(@ForAll("values") Value v) {
        Object parsed = KeyText.parse(v.type(), KeyText.format(v.type(), v.value()));
        assertThat(KeyOrdering.compare(v.type(), parsed, v.value())).isZero();
    }

    @Test
    void shouldParseNumbersDecimalAndTrimmed() {
        assertThat(KeyText.parse(PrimitiveType.INT, " -42 ")).isEqualTo(-42);
        assertThat(KeyText.parse(PrimitiveType.LONG, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldKeepStringsExactlyIncludingSpaces() {
        assertThat(KeyText.parse(PrimitiveType.STRING, " a b ")).isEqualTo(" a b ");
    }

    @Test
    void shouldReadByteArraysAsBase64() {
        assertThat((byte[]) KeyText.parse(PrimitiveType.BYTE_ARRAY, "gP8A")).containsExactly(0x80, 0xFF, 0x00);
        assertThat(KeyText.format(PrimitiveType.BYTE_ARRAY, new byte[]{(byte) 0x80, (byte) 0xFF, 0})).isEqualTo("gP8A");
    }

    @Test
    void shouldExplainValuesThatDoNotParse() {
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.INT, "12x"))
                .isInstanceOf(InvalidInputException.class).hasMessage("'12x' is not a valid IntType");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.INT, "3000000000"))
                .isInstanceOf(InvalidInputException.class).hasMessage("'3000000000' is not a valid IntType");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.LONG, ""))
                .isInstanceOf(InvalidInputException.class).hasMessage("'' is not a valid LongType");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.BYTE_ARRAY, "not base64!"))
                .isInstanceOf(InvalidInputException.class).hasMessage("'not base64!' is not a valid ByteArrayType (expected Base64)");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.DOUBLE, "1.0"))
                .isInstanceOf(InvalidInputException.class).hasMessage("DoubleType is not a key type");
    }

    @Test
    void shouldWriteTimestampsAndDatesAsIso8601() {
        java.time.Instant t = java.time.Instant.parse("2026-11-21T10:15:30.123456Z");
        assertThat(KeyText.format(PrimitiveType.TIMESTAMP, t)).isEqualTo("2026-11-21T10:15:30.123456Z");
        assertThat(KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T10:15:30.123456Z")).isEqualTo(t);
        assertThat(KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T11:15:30.123456+01:00")).isEqualTo(t);
        assertThat(KeyText.format(PrimitiveType.DATE, java.time.LocalDate.of(2026, 11, 21))).isEqualTo("2026-11-21");
        assertThat(KeyText.parse(PrimitiveType.DATE, " 2026-11-21 ")).isEqualTo(java.time.LocalDate.of(2026, 11, 21));
    }

    @Test
    void shouldRefuseTimestampsItCannotHoldExactly() {
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21T10:15:30.123456789Z"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'2026-11-21T10:15:30.123456789Z' has a fraction of a microsecond; TimestampType holds whole microseconds");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.TIMESTAMP, "2026-11-21"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'2026-11-21' is not a valid TimestampType (expected ISO-8601 such as 2026-11-21T10:15:30.123456Z)");
        assertThatThrownBy(() -> KeyText.parse(PrimitiveType.DATE, "21/11/2026"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'21/11/2026' is not a valid DateType (expected ISO-8601 such as 2026-11-21)");
    }

    @Test
    void shouldFormatUnboundedAsNull() {
        assertThat(KeyText.format(PrimitiveType.LONG, null)).isEqualTo("null");
    }
}
