package sediment.core.testutil;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many input files for scale tests, cheaply: a few small Parquet files of {@link TestSchemas#LONG_KEY}'s
 * layout, each hard-linked thousands of times, so 100,000 inputs cost a few files' bytes.
 */
public final class LinkedParquetInputs {
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message row { required int64 key; optional binary value (STRING); }");
    /** A file system allows only so many links to one file (ext4: 65,000). */
    private static final int LINKS_PER_FILE = 10_000;

    private LinkedParquetInputs() {
    }

    /** {@code copies} files in {@code into}, each holding keys {@code from..to}. */
    public static List<Path> create(Path into, int copies, long from, long to) throws IOException {
        Files.createDirectories(into);
        List<Path> out = new ArrayList<>(copies);
        Path original = null;
        for (int i = 0; i < copies; i++) {
            if (i % LINKS_PER_FILE == 0) {
                original = into.resolveSibling(into.getFileName() + "-original-" + i + ".parquet");
                write(original, from, to);
            }
            Path link = into.resolve(String.format("part-%06d.parquet", i));
            Files.createLink(link, original);
            out.add(link);
        }
        return out;
    }

    public static void write(Path file, long from, long to) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(SCHEMA).withConf(new Configuration()).build()) {
            for (long k = from; k <= to; k++) {
                writer.write(groups.newGroup().append("key", k).append("value", "v" + k));
            }
        }
    }
}
