package sediment.core.parquet;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import sediment.core.schema.DecimalType;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which input columns fit which table types: the encodings other writers choose, and the near misses, with why. */
class ParquetSchemasTest {
    static final Schema TABLE = new Schema(List.of(new Field("at", PrimitiveType.TIMESTAMP)),
            List.of(new Field("day", PrimitiveType.DATE)),
            List.of(new Field("price", new DecimalType(18, 4))));

    /** Each column as Parquet's schema text with %s for its name, e.g. {@code optional int32 %s (DATE)}. */
    static List<String> mismatches(String at, String day, String price) {
        MessageType file = MessageTypeParser.parseMessageType("message m { " + at.formatted("at") + "; " + day.formatted("day") + "; "
                + price.formatted("price") + "; }");
        return ParquetSchemas.mismatches(file, TABLE);
    }

    @Test
    void acceptsTimestampsAsUtcMicrosOrMillisAndAsInt96AndDatesAndDecimalsInEveryEncoding() {
        for (String at : List.of("optional int64 %s (TIMESTAMP(MICROS,true))", "required int64 %s (TIMESTAMP(MILLIS,true))",
                "optional int96 %s")) {
            for (String price : List.of("optional int64 %s (DECIMAL(18,4))", "optional binary %s (DECIMAL(18,4))",
                    "optional fixed_len_byte_array(8) %s (DECIMAL(18,4))")) {
                assertThat(mismatches(at, "optional int32 %s (DATE)", price)).as("%s, %s", at, price).isEmpty();
            }
        }
    }

    @Test
    void refusesLocalAndNanosecondTimestampsSayingWhyAndDecimalsOfAnotherScale() {
        assertThat(mismatches("optional int64 %s (TIMESTAMP(MICROS,false))", "optional int32 %s (DATE)", "optional int64 %s (DECIMAL(18,4))"))
                .singleElement().asString()
                .startsWith("column 'at' is INT64 (TIMESTAMP(MICROS,false)), expected TimestampType (the file's timestamps are local"
                        + " date-times with no time zone");
        assertThat(mismatches("optional int64 %s (TIMESTAMP(NANOS,true))", "optional int32 %s", "optional int64 %s (DECIMAL(18,2))"))
                .containsExactly("column 'at' is INT64 (TIMESTAMP(NANOS,true)), expected TimestampType (nanoseconds; TimestampType"
                                + " holds microseconds: write MICROS or MILLIS)",
                        "column 'day' is INT32, expected DateType",
                        "column 'price' is INT64 (DECIMAL(18,2)), expected DecimalType(18,4)");
    }
}
