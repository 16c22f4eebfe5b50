package sediment.spark.internal;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.spark.TestSpark;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.input_file_name;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading listed files from their statuses gives what Spark's reader gives for their paths, partition columns included. */
class ListedParquetFilesTest {
    @TempDir
    java.nio.file.Path dir;

    private final SparkSession spark = TestSpark.session();

    private static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.LongType, false)
            .add("value", DataTypes.StringType, true)
            .add("day", DataTypes.StringType, true);

    private List<FileStatus> written(java.nio.file.Path out, boolean partitioned) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            rows.add(RowFactory.create(i, i % 7 == 0 ? null : "v" + i, "d" + (i % 3)));
        }
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).repartition(4);
        (partitioned ? df.write().partitionBy("day") : df.write()).parquet(out.toString());
        Path root = new Path(out.toUri());
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        List<FileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (f.getPath().getName().endsWith(".parquet")) {
                files.add(f);
            }
        }
        return files;
    }

    private static List<String> sorted(Dataset<Row> df) {
        return df.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void readsWhatTheReaderReadsByPath() throws Exception {
        List<FileStatus> files = written(dir.resolve("plain"), false);

        Dataset<Row> planned = ListedParquetFiles.planned(spark, files, SCHEMA);
        Dataset<Row> byPath = ListedParquetFiles.byPath(spark, files, SCHEMA);

        assertThat(planned.schema()).isEqualTo(byPath.schema());
        assertThat(sorted(planned)).hasSize(300).isEqualTo(sorted(byPath));
        assertThat(sorted(planned.select(input_file_name()).distinct())).isEqualTo(sorted(byPath.select(input_file_name()).distinct()));
    }

    @Test
    void infersPartitionColumnsFromThePathsAsTheReaderDoes() throws Exception {
        List<FileStatus> files = written(dir.resolve("partitioned"), true);

        Dataset<Row> planned = ListedParquetFiles.planned(spark, files, SCHEMA);
        Dataset<Row> byPath = ListedParquetFiles.byPath(spark, files, SCHEMA);

        assertThat(planned.schema()).isEqualTo(byPath.schema());
        assertThat(sorted(planned.select("key", "value", "day"))).hasSize(300)
                .isEqualTo(sorted(byPath.select("key", "value", "day")));
    }
}
