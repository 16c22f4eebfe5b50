package sediment.spark.merge;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.merge.MergeColumn;
import sediment.core.merge.MergeLayout;
import sediment.core.merge.MergeTableDefinition;
import sediment.spark.internal.ParquetSchemas;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.shiftleft;

/**
 * Parquet files in a known order: intraday files in file-name order (path relative to the
 * partition's directory), or the historical files of a table in writable partition order. Arrival
 * order is that file order, then row order within each file, carried explicitly as
 * {@code fileNumber << 40 | rowIndex} from Spark's {@code _metadata.file_path} and
 * {@code _metadata.row_index}.
 */
final class FileSource implements MergeSource {
    private final String kind;
    private final List<Path> roots;
    private final boolean intraday;

    private FileSource(String kind, List<Path> roots, boolean intraday) {
        this.kind = kind;
        this.roots = roots;
        this.intraday = intraday;
    }

    static FileSource intraday(MergeLayout layout, String namespace, String table, String partitionValue) {
        return new FileSource("intraday", List.of(new Path(layout.intradayDir(namespace, table, partitionValue))), true);
    }

    /** Every writable partition's files of a table's column partition, in writable partition order. */
    static FileSource historical(MergeLayout layout, String namespace, String table, String partitionValue, List<Integer> partitions) {
        List<Path> roots = new ArrayList<>();
        for (int n : partitions) {
            roots.add(new Path(layout.destinationDir(namespace, n, partitionValue, table)));
        }
        return new FileSource("historical", roots, false);
    }

    private record Footer(FileStatus file, long rows, StructType schema) {
    }

    @Override
    public Prepared prepare(SparkSession spark, MergeTableDefinition definition, String partitionValue, int threads, String what) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<FileStatus> files = list(conf);
        String where = roots.size() == 1 ? roots.get(0).toString() : roots.size() + " directories";
        String description = files.size() + " " + kind + " file" + (files.size() == 1 ? "" : "s") + " in " + where;
        String intradayDir = intraday ? roots.get(0).toString() : null;
        if (files.isEmpty()) {
            return new Prepared(null, false, 0, description, intradayDir);
        }
        List<Footer> footers = readFooters(spark, conf, files, threads);
        String partitioning = definition.partitioningColumn().name();
        boolean partitionEverywhere = footers.stream().allMatch(f -> field(f.schema(), partitioning) != null);
        checkSchemas(definition, footers, what);
        long rows = footers.stream().mapToLong(Footer::rows).sum();

        List<MergeColumn> columns = new ArrayList<>(definition.dataColumns());
        if (partitionEverywhere) {
            columns.add(definition.partitioningColumn());
        }
        Map<String, Long> fileNumbers = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            paths.add(escapeGlob(files.get(i).getPath().toString()));
            fileNumbers.put(normalize(files.get(i).getPath().toString()), (long) i);
        }
        Dataset<Row> read = spark.read().schema(SparkTypes.schema(columns)).parquet(paths.toArray(String[]::new));
        List<Column> select = new ArrayList<>();
        for (MergeColumn c : columns) {
            select.add(col(c.name()));
        }
        select.add(shiftleft(fileNumber(fileNumbers).apply(col("_metadata.file_path")), 40)
                .bitwiseOR(col("_metadata.row_index")).as(ARRIVAL));
        return new Prepared(read.select(select.toArray(Column[]::new)), partitionEverywhere, rows, description, intradayDir);
    }

    /** Spark expands glob patterns in the paths it is given; these are exact file names. */
    static String escapeGlob(String path) {
        StringBuilder sb = new StringBuilder();
        for (char c : path.toCharArray()) {
            if ("{}[]*?\\".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A file's number in arrival order, by the path Spark reports for it. */
    private static UserDefinedFunction fileNumber(Map<String, Long> numbers) {
        return org.apache.spark.sql.functions.udf(new FileNumber(new HashMap<>(numbers)), DataTypes.LongType).asNonNullable();
    }

    /**
     * Looks a path up once per run of rows from the same file (Spark gives the same path for a whole
     * file), so the per-row cost is one string comparison.
     */
    static final class FileNumber implements UDF1<String, Long> {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, Long> numbers;
        private transient String last;
        private transient long lastNumber;

        FileNumber(HashMap<String, Long> numbers) {
            this.numbers = numbers;
        }

        @Override
        public Long call(String path) {
            if (path.equals(last)) {
                return lastNumber;
            }
            Long n = numbers.get(normalize(path));
            if (n == null) {
                throw new IllegalStateException("Spark read a file that was not listed for the merge: " + path);
            }
            last = path;
            lastNumber = n;
            return n;
        }
    }

    /** One spelling per file: {@code file:/x} and {@code file:///x} are the same file. */
    static String normalize(String path) {
        java.net.URI uri = new Path(path).toUri();
        String authority = uri.getAuthority();
        return uri.getScheme() + ":" + (authority == null || authority.isEmpty() ? "" : "//" + authority) + uri.getPath();
    }

    private List<FileStatus> list(Configuration conf) {
        List<FileStatus> all = new ArrayList<>();
        for (Path root : roots) {
            try {
                FileSystem fs = root.getFileSystem(conf);
                List<FileStatus> found = new ArrayList<>();
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
                String prefix = fs.makeQualified(root).toString();
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (!hiddenBelow(prefix, fs.makeQualified(f.getPath()).toString())) {
                        found.add(f);
                    }
                }
                found.sort(Comparator.comparing(f -> fs.makeQualified(f.getPath()).toString().substring(prefix.length())));
                all.addAll(found);
            } catch (FileNotFoundException e) {
                // no data there
            } catch (IOException e) {
                throw new SedimentException("Cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /** Names starting with '.' or '_' (checksums, _SUCCESS markers, temporary files) are not data, at any depth. */
    private static boolean hiddenBelow(String root, String path) {
        for (String part : path.substring(root.length()).split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static List<Footer> readFooters(SparkSession spark, Configuration conf, List<FileStatus> files, int threads) {
        Function<MessageType, StructType> converter = ParquetSchemas.toSpark(spark);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
        try {
            List<Future<Footer>> futures = new ArrayList<>();
            for (FileStatus f : files) {
                futures.add(pool.submit(() -> {
                    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                        ParquetMetadata footer = reader.getFooter();
                        long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
                        return new Footer(f, rows, converter.apply(footer.getFileMetaData().getSchema()));
                    } catch (IOException | RuntimeException e) {
                        throw new InvalidInputException("Cannot read " + f.getPath() + " as Parquet: " + firstLine(e.getMessage()), e);
                    }
                }));
            }
            List<Footer> footers = new ArrayList<>();
            for (Future<Footer> future : futures) {
                try {
                    footers.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new SedimentException(e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SedimentException("Interrupted while reading footers", e);
                }
            }
            return footers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkSchemas(MergeTableDefinition definition, List<Footer> footers, String what) {
        List<String> problems = new ArrayList<>();
        for (Footer f : footers) {
            for (MergeColumn c : definition.columns()) {
                StructField field = field(f.schema(), c.name());
                if (field == null) {
                    if (!c.isPartitioning()) {
                        problems.add(f.file().getPath() + " has no column '" + c.name() + "'");
                    }
                } else if (!field.dataType().equals(SparkTypes.of(c.type()))) {
                    problems.add("column '" + c.name() + "' in " + f.file().getPath() + " is " + field.dataType().simpleString()
                            + " but the definition says " + c.type() + " (" + SparkTypes.of(c.type()).simpleString() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 5);
            throw new InvalidInputException(what + ": the input does not match the table definition: "
                    + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : ""));
        }
    }

    static StructField field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
