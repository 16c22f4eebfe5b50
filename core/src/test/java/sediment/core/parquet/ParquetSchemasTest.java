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

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private static final Schema KEYS = new Schema(List.of(new Field("name", PrimitiveType.STRING),
            new Field("at", PrimitiveType.TIMESTAMP), new Field("day", PrimitiveType.DATE), new Field("bytes", PrimitiveType.BYTE_ARRAY),
            new Field("n", PrimitiveType.LONG)), List.of(), List.of());

    private org.apache.parquet.hadoop.metadata.ParquetMetadata footer(String at, java.util.function.IntFunction<Object> atValue)
            throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message m { required binary name (STRING); " + at
                + "; optional int32 day (DATE); required binary bytes; required int64 n; }");
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("f-" + System.nanoTime() + ".parquet").toUri());
        var groups = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
        try (var writer = org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(path).withType(schema)
                .withConf(new org.apache.hadoop.conf.Configuration()).withRowGroupSize(4096).build()) {
            for (int i = 0; i < 3000; i++) {
                var g = groups.newGroup().append("name", (i % 2 == 0 ? "\u00e9" : "b") + i);
                Object v = atValue.apply(i);
                if (v instanceof Long l) {
                    g.append("at", l);
                } else {
                    g.append("at", (org.apache.parquet.example.data.simple.NanoTime) v);
                }
                if (i % 10 != 0) {
                    g.append("day", 100 + i);
                }
                g.append("bytes", org.apache.parquet.io.api.Binary.fromConstantByteArray(new byte[]{(byte) (i % 256 - 128)}))
                        .append("n", (long) i - 1000);
                writer.write(g);
            }
        }
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(path,
                new org.apache.hadoop.conf.Configuration()))) {
            assertThat(reader.getFooter().getBlocks()).as("row groups").hasSizeGreaterThan(1);
            return reader.getFooter();
        }
    }

    @Test
    void boundsTheRowKeysByTheRowGroupsStatisticsAsTheKeyOrderingOrdersThem() throws Exception {
        var bounds = ParquetSchemas.keyBounds(footer("required int64 at (TIMESTAMP(MILLIS,true))", i -> 1_000L * i), KEYS);

        // Strings by UTF-8 bytes: every 'b…' sorts below every 'é…'.
        assertThat(bounds.min().get(0)).isEqualTo("b1");
        assertThat(bounds.max().get(0)).isEqualTo("\u00e9998");
        assertThat(bounds.min().get(1)).isEqualTo(java.time.Instant.EPOCH);
        assertThat(bounds.max().get(1)).isEqualTo(java.time.Instant.ofEpochSecond(2999));
        assertThat(bounds.min().get(2)).isEqualTo(java.time.LocalDate.ofEpochDay(101));
        assertThat(bounds.max().get(2)).isEqualTo(java.time.LocalDate.ofEpochDay(100 + 2999));
        // Byte arrays unsigned: 0x00 lowest, 0xff highest.
        assertThat((byte[]) bounds.min().get(3)).containsExactly(0);
        assertThat((byte[]) bounds.max().get(3)).containsExactly(0xff);
        assertThat(bounds.min().get(4)).isEqualTo(-1000L);
        assertThat(bounds.max().get(4)).isEqualTo(1999L);
    }

    @Test
    void leavesAFieldUnboundedWhereItsStatisticsAreNoBounds() throws Exception {
        var bounds = ParquetSchemas.keyBounds(footer("required int96 at",
                i -> new org.apache.parquet.example.data.simple.NanoTime(2_440_588 + i, 0L)), KEYS);

        // INT96 has no defined order, so its statistics bound nothing; the other fields are still bounded.
        assertThat(bounds.min().get(1)).isNull();
        assertThat(bounds.max().get(1)).isNull();
        assertThat(bounds.min().get(4)).isEqualTo(-1000L);
        assertThat(bounds.isUnknown()).isFalse();
    }
}
