package sediment.core.key;

import org.junit.jupiter.api.Test;
import sediment.core.schema.PrimitiveType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cases that differ between naive orderings and the one Sediment uses, spelled out. */
class KeyOrderingTest {

    @Test
    void shouldSortCharactersAboveU_E000BelowCharactersOutsideTheBmp() {
        // UTF-16 (String.compareTo) puts U+1F600 (surrogates D83D DE00) below U+FF5E; UTF-8 bytes put it above.
        String emoji = new String(Character.toChars(0x1F600));
        assertThat("\uff5e".compareTo(emoji)).isPositive();
        assertThat(KeyOrdering.compareStrings("\uff5e", emoji)).isNegative();
        assertThat(KeyOrdering.compareStrings(emoji, "\uffff")).isPositive();
        assertThat(KeyOrdering.compareStrings("\ud7ff", emoji)).isNegative();
    }

    @Test
    void shouldSortStringsByBytesNotByLocale() {
        List<String> values = new ArrayList<>(List.of("b", "a", "B", "é", "", "ab", "a\u0000"));
        values.sort(KeyOrdering::compareStrings);
        assertThat(values).containsExactly("", "B", "a", "a\u0000", "ab", "b", "é");
    }

    @Test
    void shouldSortBytesAtOrAbove0x80AboveLowerBytes() {
        assertThat(KeyOrdering.compare(PrimitiveType.BYTE_ARRAY, new byte[]{(byte) 0x80}, new byte[]{0x7F})).isPositive();
        assertThat(KeyOrdering.compare(PrimitiveType.BYTE_ARRAY, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0x80})).isPositive();
        assertThat(KeyOrdering.compare(PrimitiveType.BYTE_ARRAY, new byte[]{1}, new byte[]{1, 0})).isNegative();
        assertThat(KeyOrdering.compare(PrimitiveType.BYTE_ARRAY, new byte[0], new byte[]{0})).isNegative();
    }

    @Test
    void shouldSortNumbersSigned() {
        assertThat(KeyOrdering.compare(PrimitiveType.INT, -1, 1)).isNegative();
        assertThat(KeyOrdering.compare(PrimitiveType.LONG, Long.MIN_VALUE, Long.MAX_VALUE)).isNegative();
        assertThat(KeyOrdering.compare(PrimitiveType.INT, Integer.MIN_VALUE, Integer.MIN_VALUE)).isZero();
    }

    @Test
    void shouldRefuseValueTypesAsKeys() {
        assertThatThrownBy(() -> KeyOrdering.compare(PrimitiveType.DOUBLE, 1.0, 2.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DoubleType is not a key type");
    }
}
