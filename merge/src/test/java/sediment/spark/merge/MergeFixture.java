package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sediment.core.merge.MergeLayout;
import sediment.core.storage.LocalStorage;
import sediment.spark.TestSpark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** A db in a temporary directory, with helpers to write definitions and intraday files and read historical ones. */
final class MergeFixture {
    static final String NS = "Market";
    static final String TABLE = "Trades";
    static final String DAY = "2024-01-02";

    static final StructType TRADES = new StructType()
            .add("Date", DataTypes.StringType)
            .add("Sym", DataTypes.StringType)
            .add("Timestamp", DataTypes.TimestampType)
            .add("Price", DataTypes.DoubleType)
            .add("Size", DataTypes.IntegerType);

    static String definition(int writablePartitions, String extra) {
        return """
                {
                  "columns": [
                    {"name": "Date", "dataType": "String", "columnType": "Partitioning"},
                    {"name": "Sym", "dataType": "String", "columnType": "Grouping"},
                    {"name": "Timestamp", "dataType": "DateTime"},
                    {"name": "Price", "dataType": "double"},
                    {"name": "Size", "dataType": "int"}
                  ],
                  "writablePartitions": %d%s
                }
                """.formatted(writablePartitions, extra == null ? "" : ", " + extra);
    }

    final Path dir;
    final MergeLayout layout;
    final SparkSession spark = TestSpark.session();

    MergeFixture(Path dir) {
        this.dir = dir;
        this.layout = MergeLayout.at(dir.toString());
    }

    String db() {
        return dir.toString();
    }

    MergeFixture define(String namespace, String table, String json) {
        Path p = local(layout.schemaFile(namespace, table));
        write(p, json);
        return this;
    }

    static Path local(String qualified) {
        return LocalStorage.toPath(qualified);
    }

    static void write(Path p, String content) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes rows as one Parquet file with exactly this name in the intraday partition directory. */
    Path intraday(String namespace, String table, String day, String fileName, List<Row> rows, StructType schema) {
        Path target = local(layout.intradayDir(namespace, table, day)).resolve(fileName);
        writeParquet(target, spark.createDataFrame(rows, schema));
        return target;
    }

    static void writeParquet(Path target, Dataset<Row> data) {
        try {
            Path tmp = Files.createTempDirectory(target.getParent() == null ? Path.of(".") : Files.createDirectories(target.getParent()),
                    "_w");
            data.coalesce(1).write().mode("overwrite").parquet(tmp.resolve("out").toString());
            try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
                Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            deleteTree(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random trades with a skewed Sym distribution; timestamps are random, so arrival order is not time order. */
    static List<Row> trades(int count, int symbols, long seed, String day) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        long base = Timestamp.valueOf(day + " 09:30:00").getTime();
        for (int i = 0; i < count; i++) {
            int s = (int) Math.floor(Math.pow(symbols, random.nextDouble())) - 1;
            // Few distinct timestamps, so ties are common and arrival order must break them.
            Timestamp ts = new Timestamp(base + 1000L * random.nextInt(Math.max(1, count / 4)));
            rows.add(RowFactory.create(day, "S" + s, ts, Math.round(random.nextDouble() * 100000) / 100.0, i));
        }
        return rows;
    }

    Path historicalFile(String namespace, String table, String day, int writablePartition) {
        return local(layout.destinationFile(namespace, writablePartition, day, table));
    }

    /** The rows of one historical file in file order. */
    List<Row> readHistorical(String namespace, String table, String day, int writablePartition) {
        Path file = historicalFile(namespace, table, day, writablePartition);
        return spark.read().parquet(file.toString()).collectAsList();
    }

    /**
     * Every file under the db with a digest of its content: to show that a failed merge changed nothing.
     * The merge coordination files ({@code Systems/<namespace>/.merge/}, where every merge records its lease
     * and outcome) are left out unless {@code under} is inside them.
     */
    Map<String, String> snapshot(String under) {
        Map<String, String> files = new LinkedHashMap<>();
        Path root = dir.resolve(under);
        if (!Files.exists(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (!under.contains(".merge") && dir.relativize(p).toString().matches("Systems/[^/]+/\\.merge(/.*)?")) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
                } else {
                    files.put(dir.relativize(p) + "/", "dir");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /** Hidden merge directories and journals anywhere under Systems. */
    List<String> leftovers() {
        try (Stream<Path> walk = Files.walk(dir.resolve("Systems"))) {
            return walk.map(p -> p.getFileName().toString()).filter(n -> n.contains(".merge-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
