package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetReader;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.key.KeyOrdering;
import sediment.core.parquet.DataFileSettings;
import sediment.core.partition.Partition;
import sediment.core.row.Row;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.split.SketchFiles;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.ingest.parquet.RowFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance in a temporary directory, and the checks every ingest must pass. */
final class IngestFixture {
    final Path dir;
    final Instance instance;

    IngestFixture(Path dir) {
        this.dir = dir;
        this.instance = Instance.init(dir.resolve("instance").toString(), null);
    }

    Table table(String name, Schema schema, List<Object> splits) {
        instance.createTable(name, schema, splits, Map.of());
        return Instance.open(instance.root()).table(name);
    }

    static IngestSettings bounds(long batchRows, long localRecords, Path localDir) {
        return new IngestSettings(batchRows, Long.MAX_VALUE, localRecords, localDir);
    }

    /** Writes rows as a Parquet file with the table layout, for job input. */
    Path inputFile(String name, Schema schema, List<Row> rows) throws IOException {
        Path file = dir.resolve("input").resolve(name);
        Files.createDirectories(file.getParent());
        try (var w = RowFiles.writer(LocalStorage.qualify(file), schema,
                new DataFileSettings("snappy", 1 << 20, 1 << 16, false, false, false), Map.of(), new Configuration())) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        return file;
    }

    /**
     * Reads every committed file back, checking that it is sorted, inside its leaf and as its reference says, and
     * that its footer holds the key sketch of its rows.
     */
    List<Row> readCommitted(Table table) throws IOException {
        TableState state = Instance.open(instance.root()).table(table.name()).state();
        Schema schema = state.schema();
        List<PrimitiveType> keyTypes = schema.rowKeyTypes();
        RowOrder order = new RowOrder(schema);
        List<Row> all = new ArrayList<>();
        for (FileReference file : state.files().values()) {
            Partition leaf = state.partitions().partition(file.partitionId()).orElseThrow();
            assertThat(leaf.isLeaf()).isTrue();
            List<Row> rows = new ArrayList<>();
            try (ParquetReader<Row> reader = RowFiles.reader(file.path(), schema, new Configuration())) {
                for (Row r = reader.read(); r != null; r = reader.read()) {
                    rows.add(r);
                }
            }
            assertThat(rows).as("rows of %s", file.path()).hasSize((int) file.rows());
            for (int i = 0; i < rows.size(); i++) {
                List<Object> key = key(rows.get(i), keyTypes.size());
                for (int d = 0; d < keyTypes.size(); d++) {
                    assertThat(leaf.region().get(d).contains(keyTypes.get(d), key.get(d))).as("key %s in leaf %s", key, leaf.id())
                            .isTrue();
                }
                if (i > 0) {
                    assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("sorted %s", file.path()).isLessThanOrEqualTo(0);
                }
            }
            assertThat(KeyOrdering.compareKeys(keyTypes, file.minRowKey(), key(rows.get(0), keyTypes.size()))).isZero();
            assertThat(KeyOrdering.compareKeys(keyTypes, file.maxRowKey(), key(rows.get(rows.size() - 1), keyTypes.size()))).isZero();
            checkFooterSketch(schema, file);
            all.addAll(rows);
        }
        return all;
    }

    /** The file's footer holds a sketch of exactly its rows, whose split point on each field lies within the file's keys. */
    static void checkFooterSketch(Schema schema, FileReference file) throws IOException {
        SketchFiles.Found found = new SketchFiles(new LocalStorage(), new Configuration(), schema).sketchOf(file.path());
        assertThat(found.computed()).as("the key sketch of %s read from its footer", file.path()).isFalse();
        assertThat(LocalStorage.toPath(SketchFiles.sketchPath(file.path()))).doesNotExist();
        assertThat(found.sketch().rows()).isEqualTo(file.rows());
        List<PrimitiveType> types = schema.rowKeyTypes();
        found.sketch().splitPoint(0).ifPresent(at -> {
            assertThat(KeyOrdering.compare(types.get(0), at, file.minRowKey().get(0))).isGreaterThan(0);
            assertThat(KeyOrdering.compare(types.get(0), at, file.maxRowKey().get(0))).isLessThanOrEqualTo(0);
        });
    }

    private static List<Object> key(Row row, int n) {
        Object[] key = new Object[n];
        for (int i = 0; i < n; i++) {
            key[i] = row.get(i);
        }
        return Arrays.asList(key);
    }

    /** Every data file under the table, referenced or not. */
    Set<String> dataFiles(String table) throws IOException {
        Path data = dir.resolve("instance/tables").resolve(table).resolve("data");
        if (!Files.exists(data)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(Files::isRegularFile).map(LocalStorage::qualify).collect(Collectors.toSet());
        }
    }
}
