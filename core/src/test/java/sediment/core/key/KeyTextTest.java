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
        return Arbitraries.of(PrimitiveType.INT, PrimitiveType.LONG, PrimitiveType.STRING, PrimitiveType.BYTE_ARRAY)
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
    void shouldFormatUnboundedAsNull() {
        assertThat(KeyText.format(PrimitiveType.LONG, null)).isEqualTo("null");
    }
}
