package sediment.submit.it;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import sediment.core.instance.Instance;
import sediment.core.schema.SchemaSerDe;
import sediment.core.job.JobKind;
import sediment.submit.LaunchPlan;
import sediment.submit.LaunchPlanner;
import sediment.submit.Platform;
import sediment.submit.SparkConfLayers;
import sediment.submit.SubmittedJob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A local instance with table {@code my-table} (long key, string value, split at 100, 200 and 300 into
 * four leaves), input Parquet files written with parquet-mr, and launch plans made by the submitter's
 * own {@link LaunchPlanner} from the repository's {@code conf/spark-defaults.conf}, as
 * {@code sediment submit} makes them.
 */
final class SubmitFixture {
    static final String TABLE = "my-table";
    static final String SCHEMA = """
            {"rowKeyFields":[{"name":"key","type":"LongType"}],"sortKeyFields":[],
             "valueFields":[{"name":"value","type":"StringType"}]}""";
    static final List<Object> SPLIT_POINTS = List.of(100L, 200L, 300L);
    static final MessageType INPUT_SCHEMA = MessageTypeParser.parseMessageType(
            "message input { required int64 key; required binary value (STRING); }");

    /** The jar spark-submit gets, as built by the spark-jobs module (Spark, Hadoop, Parquet and Jackson provided). */
    static Path sparkJobsJar() {
        String jar = System.getProperty("sediment.test.spark-jobs-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The spark-jobs shaded jar is not built (sediment.test.spark-jobs-jar=" + jar
                    + "): run these tests through Maven's verify phase, e.g. mvn -B verify -pl spark-submit-tests -am");
        }
        return Path.of(jar);
    }

    /** The repository's conf/spark-defaults.conf, every platform's lowest layer of Spark settings. */
    static Map<String, String> sparkDefaults() {
        return SparkConfLayers.readDefaultsFile(Path.of(System.getProperty("sediment.test.spark-defaults", "../conf/spark-defaults.conf")));
    }

    final Path dir;
    final Instance instance;

    SubmitFixture(Path dir, String instanceProperties) throws IOException {
        this.dir = dir;
        Path root = dir.resolve("instance");
        Instance.init(root.toString(), null);
        Files.writeString(root.resolve(Instance.PROPERTIES_FILE), instanceProperties, StandardCharsets.UTF_8);
        Instance created = Instance.open(root.toString());
        // The tests check the rows against the leaves made here: no pre-splitting.
        created.createTable(TABLE, SchemaSerDe.read("schema", SCHEMA.getBytes(StandardCharsets.UTF_8)), SPLIT_POINTS,
                Map.of("sleeper.table.bulk.import.min.leaf.partitions", "1"));
        this.instance = Instance.open(root.toString());
    }

    /** The launch plan {@code sediment submit JOB --platform <platform>} makes for this job spec. */
    LaunchPlan plan(String jobJson, Platform platform) {
        SubmittedJob job = SubmittedJob.read(JobKind.BULK_IMPORT, "job.json", jobJson.getBytes(StandardCharsets.UTF_8), null);
        return new LaunchPlanner(instance, sparkDefaults()).plan(job, platform);
    }

    /** Writes the spec where the Spark job reads it, as the submitter does before it launches. */
    void writeJobSpec(LaunchPlan plan) throws IOException {
        instance.storage().write(plan.jobUri(), plan.job().json().getBytes(StandardCharsets.UTF_8));
    }

    /** Input rows as (key, value) pairs with keys in [0, 400), in {@code files} Parquet files under {@code input/}. */
    List<Row> writeInput(int files, int rowsPerFile, long seed) throws IOException {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        Configuration conf = new Configuration();
        SimpleGroupFactory groups = new SimpleGroupFactory(INPUT_SCHEMA);
        for (int f = 0; f < files; f++) {
            Path file = inputDir().resolve("part-" + f + ".parquet");
            Files.createDirectories(file.getParent());
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                    HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf)).withType(INPUT_SCHEMA).build()) {
                for (int i = 0; i < rowsPerFile; i++) {
                    Row row = new Row(random.nextInt(400), "v" + f + "-" + i);
                    writer.write(groups.newGroup().append("key", row.key()).append("value", row.value()));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    Path inputDir() {
        return dir.resolve("input");
    }

    /** Every row of a committed Parquet file, in file order. */
    static List<Row> readRows(String file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file))
                .withConf(new Configuration()).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(new Row(g.getLong("key", 0), g.getString("value", 0)));
            }
        }
        return rows;
    }

    record Row(long key, String value) {
    }
}
