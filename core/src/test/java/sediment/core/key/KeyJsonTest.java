package sediment.core.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import sediment.core.schema.PrimitiveType;
import sediment.core.testutil.KeyArbitraries;
import sediment.core.util.Json;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyJsonTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    record Value(PrimitiveType type, Object value) {
    }

    @Provide
    Arbitrary<Value> values() {
        return Arbitraries.of(KeyArbitraries.KEY_TYPES)
                .flatMap(type -> KeyArbitraries.values(type).map(v -> new Value(type, v)));
    }

    @Property(tries = 500)
    void valuesRoundTripThroughJsonText(@ForAll("values") Value v) throws Exception {
        String text = Json.MAPPER.writeValueAsString(KeyJson.toJson(v.type(), v.value()));
        Object back = KeyJson.fromJson(v.type(), Json.MAPPER.readTree(text));
        assertThat(KeyOrdering.compare(v.type(), back, v.value())).isZero();
    }

    @Test
    void shouldWriteNumbersAsNumbersStringsAsStringsBytesAsBase64AndUnboundedAsNull() {
        assertThat(KeyJson.toJson(PrimitiveType.LONG, 5L).isIntegralNumber()).isTrue();
        assertThat(KeyJson.toJson(PrimitiveType.STRING, "5").textValue()).isEqualTo("5");
        assertThat(KeyJson.toJson(PrimitiveType.BYTE_ARRAY, new byte[]{(byte) 0xFF}).textValue()).isEqualTo("/w==");
        assertThat(KeyJson.toJson(PrimitiveType.INT, null).isNull()).isTrue();
        assertThat(KeyJson.fromJson(PrimitiveType.INT, F.nullNode())).isNull();
        assertThat(KeyJson.fromJson(PrimitiveType.INT, null)).isNull();
    }

    @Test
    void shouldRefuseNodesOfTheWrongKindRatherThanReadThemAsZero() {
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.INT, F.textNode("abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a value of type IntType, got \"abc\"");
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.INT, F.numberNode(3_000_000_000L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3000000000");
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.LONG, F.numberNode(1.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.LONG, F.numberNode(new BigInteger("99999999999999999999"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.STRING, F.numberNode(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.BYTE_ARRAY, F.textNode("%%%")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Base64");
        JsonNode array = F.arrayNode().add(1);
        assertThatThrownBy(() -> KeyJson.fromJson(PrimitiveType.BYTE_ARRAY, array)).isInstanceOf(IllegalArgumentException.class);
    }
}
