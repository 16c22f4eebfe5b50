package sediment.spark.generate;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeTableDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.timestamp_micros;

/**
 * Sample intraday trades for trying merges: a table definition (Date partitioning, Sym grouping,
 * Timestamp, Price, Size) and N rows over a New York trading day in F Parquet files named in arrival
 * order. Symbols are log-uniformly skewed: the most common holds about 1/ln(symbols) of the rows,
 * like real trading. Timestamps increase through the files with a little jitter.
 */
public final class IntradayGenerator {
    private IntradayGenerator() {
    }

    public record Spec(String db, String namespace, String table, String date, long rows, int symbols, int files,
                       int writablePartitions, long seed, boolean replace) {
    }

    public record Written(String definition, boolean definitionCreated, String directory, List<String> files, long rows) {
    }

    public static String definitionJson(int writablePartitions) {
        return """
                {
                  "columns": [
                    {"name": "Date", "dataType": "String", "columnType": "Partitioning"},
                    {"name": "Sym", "dataType": "String", "columnType": "Grouping"},
                    {"name": "Timestamp", "dataType": "DateTime"},
                    {"name": "Price", "dataType": "double"},
                    {"name": "Size", "dataType": "int"}
                  ],
                  "writablePartitions": %d,
                  "defaultMergeFormat": "Parquet",
                  "defaultParquetCodec": "SNAPPY"
                }
                """.formatted(writablePartitions);
    }

    public static Written write(SparkSession spark, Spec spec) {
        MergeLayout.checkName("namespace", spec.namespace());
        MergeLayout.checkName("table", spec.table());
        LocalDate day;
        try {
            day = LocalDate.parse(spec.date());
        } catch (RuntimeException e) {
            throw new InvalidInputException("DATE '" + spec.date() + "' is not a date yyyy-MM-dd");
        }
        if (spec.rows() < 0 || spec.symbols() < 1 || spec.files() < 1 || spec.writablePartitions() < 1) {
            throw new InvalidInputException("--rows must be at least 0 and --symbols, --files and --writable-partitions at least 1");
        }
        MergeLayout layout = MergeLayout.at(spec.db());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path definition = new Path(layout.schemaFile(spec.namespace(), spec.table()));
            FileSystem fs = definition.getFileSystem(conf);
            boolean created = false;
            if (!fs.exists(definition)) {
                byte[] json = definitionJson(spec.writablePartitions()).getBytes(StandardCharsets.UTF_8);
                MergeTableDefinition.read(definition.toString(), json, spec.namespace(), spec.table());
                try (var out = fs.create(definition, false)) {
                    out.write(json);
                }
                created = true;
            }
            Path dir = new Path(layout.intradayDir(spec.namespace(), spec.table(), spec.date()));
            if (fs.exists(dir) && fs.listStatus(dir).length > 0) {
                if (!spec.replace()) {
                    throw new InvalidInputException("Intraday data already exists at " + dir + ": use --replace to write new data there");
                }
                fs.delete(dir, true);
            }
            long start = ZonedDateTime.of(day, LocalTime.of(9, 30), ZoneId.of("America/New_York")).toInstant().toEpochMilli() * 1000;
            double step = 6.5 * 3600 * 1_000_000 / Math.max(1, spec.rows());
            int digits = Integer.toString(Math.max(0, spec.symbols() - 1)).length();
            Column symbol = floor(pow(lit(spec.symbols() + 1.0), rand(spec.seed()))).minus(1).cast("int");
            Column time = lit(start).plus(col("id").multiply(step).cast("long"))
                    .plus(floor(rand(spec.seed() + 1).multiply(1_000_000)).cast("long")).minus(500_000);
            Path tmp = new Path(dir.getParent(), "_generate-" + spec.date());
            spark.range(0, spec.rows(), 1, spec.files())
                    .select(lit(spec.date()).as("Date"),
                            concat(lit("S"), lpad(symbol.cast("string"), digits, "0")).as("Sym"),
                            timestamp_micros(time).as("Timestamp"),
                            round(rand(spec.seed() + 2).multiply(1000), 2).as("Price"),
                            floor(rand(spec.seed() + 3).multiply(1000)).cast("int").as("Size"))
                    .write().mode("overwrite").option("compression", "snappy").parquet(tmp.toString());
            FileStatus[] parts = fs.listStatus(tmp, p -> p.getName().startsWith("part-") && p.getName().endsWith(".parquet"));
            Arrays.sort(parts, Comparator.comparing(s -> s.getPath().getName()));
            fs.mkdirs(dir);
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                Path target = new Path(dir, String.format("part-%05d.parquet", i));
                if (!fs.rename(parts[i].getPath(), target)) {
                    throw new SedimentException("Cannot move " + parts[i].getPath() + " to " + target);
                }
                names.add(target.toString());
            }
            fs.delete(tmp, true);
            return new Written(definition.toString(), created, dir.toString(), names, spec.rows());
        } catch (IOException e) {
            throw new SedimentException("Cannot write sample intraday data: " + e.getMessage(), e);
        }
    }
}
