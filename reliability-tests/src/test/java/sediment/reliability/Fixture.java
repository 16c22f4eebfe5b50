package sediment.reliability;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.storage.LocalStorage;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance with one table, input rows with unique values, and the checks every case ends with. */
final class Fixture {
    static final Schema SCHEMA = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("value", PrimitiveType.STRING)));
    /** Short heartbeats and lease, so that a stopped or killed run is taken for dead within seconds. */
    static final Map<String, String> FAST_LEASE = Map.of(
            "sleeper.table.job.heartbeat.interval.seconds", "0.3",
            "sleeper.table.job.lease.timeout.seconds", "2");

    private static SparkSession spark;

    final Path dir;
    final Instance instance;

    Fixture(Path dir) {
        this.dir = dir;
        this.instance = Instance.init(dir.resolve("instance").toString(), null);
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("reliability-tests")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        }
        return spark;
    }

    String root() {
        return instance.root();
    }

    Table table(String name) {
        List<Object> splits = new ArrayList<>();
        for (long s = 1; s < 8; s++) {
            splits.add(s * 1000);
        }
        Map<String, String> properties = new java.util.HashMap<>(FAST_LEASE);
        // These cases are about the commit protocol of the data, on the tree as created (PreSplitRaceTest covers pre-splitting).
        properties.put("sleeper.table.bulk.import.min.leaf.partitions", "1");
        instance.createTable(name, SCHEMA, splits, properties);
        return Instance.open(root()).table(name);
    }

    /** Writes {@code rows} rows whose values are {@code prefix-<i>} as several Parquet files; returns their directory. */
    Path input(String prefix, int rows) {
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(RowFactory.create((long) ((i * 7919L) % 8000), prefix + "-" + i));
        }
        StructType struct = new StructType().add("key", DataTypes.LongType, false).add("value", DataTypes.StringType, true);
        Path out = dir.resolve("input").resolve(prefix);
        spark().createDataFrame(data, struct).repartition(4).write().parquet(out.toString());
        return out;
    }

    /** A job file, as a user writes one. */
    Path job(String id, String table, Path input, Map<String, String> sparkConf) throws IOException {
        StringBuilder conf = new StringBuilder();
        sparkConf.forEach((k, v) -> conf.append(conf.length() == 0 ? "" : ", ").append('"').append(k).append("\": \"").append(v).append('"'));
        Path file = dir.resolve("jobs").resolve(id + "-" + System.nanoTime() + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"id\": \"" + id + "\", \"tableName\": \"" + table + "\", \"files\": [\"" + input
                + "\"], \"sparkConf\": {" + conf + "}}");
        return file;
    }

    TableState state(String table) {
        return Instance.open(root()).table(table).state();
    }

    /**
     * What must hold after every case: the table reads, every file it references exists and holds the
     * rows the log says, and the committed values are exactly {@code expected} (each once).
     */
    void assertIntact(String table, Set<String> expected) throws IOException {
        TableState state = state(table);
        long total = 0;
        for (FileReference f : state.files().values()) {
            Path path = LocalStorage.toPath(f.path());
            assertThat(path).as("referenced file %s", f.path()).exists();
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(f.path()), new Configuration()))) {
                assertThat(reader.getRecordCount()).as("rows of %s", f.path()).isEqualTo(f.rows());
            }
            total += f.rows();
        }
        assertThat(total).as("rows committed to %s", table).isEqualTo(expected.size());
        if (!state.files().isEmpty()) {
            List<String> values = spark().read().parquet(state.files().keySet().toArray(String[]::new)).select("value")
                    .collectAsList().stream().map(r -> r.getString(0)).toList();
            assertThat(values).hasSize(expected.size());
            assertThat(new HashSet<>(values)).isEqualTo(expected);
        }
    }

    static Set<String> values(String prefix, int rows) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            out.add(prefix + "-" + i);
        }
        return out;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    /** Data files of the table that its state does not reference. */
    Set<String> strays(String table) throws IOException {
        Set<String> referenced = state(table).files().keySet();
        return dataFiles(table).stream().filter(p -> !referenced.contains(p)).collect(Collectors.toSet());
    }

    Set<String> dataFiles(String table) throws IOException {
        Path data = dir.resolve("instance/tables").resolve(table).resolve("data");
        if (!Files.exists(data)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            Set<String> all = files.filter(Files::isRegularFile).map(LocalStorage::qualify).collect(Collectors.toSet());
            // A key sketch counts as a stray only when its data file is gone: clean-up removes a file's sketch with it.
            return all.stream().filter(p -> sediment.core.split.SketchFiles.dataFileOf(p).map(of -> !all.contains(of)).orElse(true))
                    .collect(Collectors.toSet());
        }
    }

    /** Hidden temporary files anywhere under the table: what an interrupted write leaves. */
    List<Path> temporaryFiles(String table) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("instance/tables").resolve(table))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
