package sediment.spark.bulkimport;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.job.BulkImportJob;
import sediment.core.key.KeyOrdering;
import sediment.core.partition.Partition;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.split.SketchFiles;
import sediment.core.table.FileReference;
import sediment.core.table.TableState;
import sediment.spark.SparkSchemas;
import sediment.spark.TestSpark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance in a temporary directory, input written with Spark, and checks of what an import committed. */
final class BulkImportFixture {
    final SparkSession spark = TestSpark.session();
    final Path dir;
    final Instance instance;

    BulkImportFixture(Path dir) {
        this.dir = dir;
        this.instance = Instance.init(dir.resolve("instance").toString(), null);
    }

    /** A table with exactly these split points: pre-splitting is off, so the tree stays as given. */
    Table table(String name, Schema schema, List<Object> splitPoints) {
        return instance.createTable(name, schema, splitPoints, Map.of("sleeper.table.bulk.import.min.leaf.partitions", "1"));
    }

    /** Writes rows as Parquet files under {@code input/<name>}, with key columns required as the table needs. */
    Path writeInput(String name, Schema schema, List<Row> rows, int files) {
        Path out = dir.resolve("input").resolve(name);
        StructType struct = SparkSchemas.structType(schema);
        Dataset<Row> df = spark.createDataFrame(rows, struct).repartition(files);
        df.write().parquet(out.toString());
        return out;
    }

    BulkImportJob job(String id, String table, Path... inputs) {
        List<String> files = new ArrayList<>();
        for (Path p : inputs) {
            files.add(p.toString());
        }
        return new BulkImportJob(id, table, files, Map.of(), Map.of(), null);
    }

    BulkImportResult run(BulkImportJob job) {
        return new BulkImportJobRunner(spark, instance).run(job, "test");
    }

    /**
     * Reads back every committed file and checks it is sorted, inside its leaf, and consistent with its reference,
     * with the key sketch of its rows in its footer.
     */
    List<Row> readCommitted(Table table) {
        TableState state = table.state();
        Schema schema = state.schema();
        List<PrimitiveType> keyTypes = schema.rowKeyTypes();
        List<Row> all = new ArrayList<>();
        for (FileReference file : state.files().values()) {
            Partition leaf = state.partitions().partition(file.partitionId()).orElseThrow();
            assertThat(leaf.isLeaf()).isTrue();
            List<Row> rows = spark.read().parquet(file.path()).collectAsList();
            assertThat(rows).as("rows in %s", file.path()).hasSize((int) file.rows());
            List<Object> previous = null;
            for (Row row : rows) {
                List<Object> key = new ArrayList<>();
                for (int i = 0; i < keyTypes.size(); i++) {
                    key.add(row.get(i));
                }
                for (int d = 0; d < keyTypes.size(); d++) {
                    assertThat(leaf.region().get(d).contains(keyTypes.get(d), key.get(d)))
                            .as("key %s in leaf %s of %s", key, leaf.id(), file.path()).isTrue();
                }
                if (previous != null) {
                    assertThat(KeyOrdering.compareKeys(keyTypes, previous, key)).as("sorted %s", file.path())
                            .isLessThanOrEqualTo(0);
                }
                previous = key;
            }
            assertThat(KeyOrdering.compareKeys(keyTypes, file.minRowKey(), keyOf(rows.get(0), keyTypes.size()))).isZero();
            assertThat(KeyOrdering.compareKeys(keyTypes, file.maxRowKey(), keyOf(rows.get(rows.size() - 1), keyTypes.size())))
                    .isZero();
            checkFooterSketch(schema, file);
            all.addAll(rows);
        }
        return all;
    }

    /** The file's footer holds the sketch of exactly its rows (nothing lies beside it), split within the file's keys. */
    void checkFooterSketch(Schema schema, FileReference file) {
        try {
            SketchFiles.Found found = new SketchFiles(instance.storage(), new org.apache.hadoop.conf.Configuration(), schema)
                    .sketchOf(file.path());
            assertThat(found.computed()).as("the key sketch of %s read from its footer", file.path()).isFalse();
            assertThat(instance.storage().readIfExists(SketchFiles.sketchPath(file.path()))).isEmpty();
            assertThat(found.sketch().rows()).isEqualTo(file.rows());
            PrimitiveType type = schema.rowKeyTypes().get(0);
            found.sketch().splitPoint(0).ifPresent(at -> {
                assertThat(KeyOrdering.compare(type, at, file.minRowKey().get(0))).isGreaterThan(0);
                assertThat(KeyOrdering.compare(type, at, file.maxRowKey().get(0))).isLessThanOrEqualTo(0);
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Object> keyOf(Row row, int n) {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            key.add(row.get(i));
        }
        return key;
    }

    static Row row(Object... values) {
        return RowFactory.create(values);
    }
}
