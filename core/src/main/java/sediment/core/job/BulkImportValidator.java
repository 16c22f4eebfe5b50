package sediment.core.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.parquet.DataFileSettings;
import sediment.core.instance.Table;
import sediment.core.parquet.ParquetSchemas;
import sediment.core.parquet.StatusInputFile;
import sediment.core.schema.Schema;
import sediment.core.table.TableState;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a bulk import job before any compute: the table exists, every listed path exists, and
 * each input file's footer fits the table schema. All problems are reported together, in one line,
 * so a user fixes them in one go; nothing is written when any is found.
 */
public final class BulkImportValidator {
    private BulkImportValidator() {
    }

    /** The job's input: its table and the Parquet files to read, in a stable order. */
    /** A job that passed, with the table state it was checked against (so the job need not read it again). */
    /**
     * @param inputRows the rows the input files' footers hold: what the job must write, no more, no fewer
     * @param keyColumnsToCheck by input file, the optional key columns whose footer statistics do not prove
     *                          them free of nulls: the job's reader checks these row by row
     * @param inputStatuses the input files' statuses as the validator's listing gave them, in the order of
     *                      {@code inputFiles} (empty where the caller has none), so the job plans its read without
     *                      asking for them again
     */
    public record ValidatedJob(BulkImportJob job, Table table, TableState state, List<String> inputFiles,
                               DataFileSettings fileSettings, long inputRows, Map<String, List<String>> keyColumnsToCheck,
                               List<FileStatus> inputStatuses) {
        public ValidatedJob {
            keyColumnsToCheck = Map.copyOf(keyColumnsToCheck);
            inputStatuses = inputStatuses == null ? List.of() : List.copyOf(inputStatuses);
            if (!inputStatuses.isEmpty() && inputStatuses.size() != inputFiles.size()) {
                throw new IllegalArgumentException(inputStatuses.size() + " statuses for " + inputFiles.size() + " input files");
            }
        }

        /** A job whose files were not listed (a Dataset import). */
        public ValidatedJob(BulkImportJob job, Table table, TableState state, List<String> inputFiles,
                            DataFileSettings fileSettings, long inputRows, Map<String, List<String>> keyColumnsToCheck) {
            this(job, table, state, inputFiles, fileSettings, inputRows, keyColumnsToCheck, null);
        }

        /** Every key column some input file leaves unproven. */
        public Set<String> keyColumnsToCheckAnywhere() {
            Set<String> all = new TreeSet<>();
            keyColumnsToCheck.values().forEach(all::addAll);
            return all;
        }
    }

    public static ValidatedJob validate(Instance instance, BulkImportJob job, Configuration conf) {
        return validate(instance, job, conf, null);
    }

    /** As above, reusing a table the caller has already opened (and read), or looking it up when null. */
    public static ValidatedJob validate(Instance instance, BulkImportJob job, Configuration conf, Table opened) {
        return validate(instance, job, conf, opened, "Bulk import job");
    }

    /**
     * As above, naming the job as {@code what} in the message (an ingest job file is the same JSON as a bulk
     * import's and is checked the same way).
     */
    public static ValidatedJob validate(Instance instance, BulkImportJob job, Configuration conf, Table opened, String what) {
        List<String> problems = new ArrayList<>(job.problems());
        Table table = opened;
        if (table == null && job.tableName() != null && !job.tableName().isBlank()) {
            try {
                table = instance.table(job.tableName());
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        // Each file with the status its listing gave, so that reading its footer needs no status request of its own.
        TreeMap<String, FileStatus> files = new TreeMap<>();
        if (job.files() != null) {
            for (String location : job.files()) {
                if (location != null && !location.isBlank()) {
                    expand(location, conf, files, problems);
                }
            }
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add("no .parquet files found in " + job.files());
        }
        DataFileSettings fileSettings = null;
        TableState state = null;
        long inputRows = 0;
        Map<String, List<String>> toCheck = new TreeMap<>();
        if (table != null) {
            try {
                fileSettings = DataFileSettings.from(table.settings(job.platformSpec()));
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
            try {
                // Read by the bulk import's pre-split after the run starts; a bad value is refused here, before any work.
                if (table.settings(job.platformSpec()).getInt(sediment.core.instance.SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS) < 0) {
                    problems.add("Property " + sediment.core.instance.SedimentProperties.BULK_IMPORT_MIN_LEAF_PARTITIONS.name()
                            + " must not be negative");
                }
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
            state = table.state();
            Schema schema = state.schema();
            inputRows += checkFooters(List.copyOf(files.entrySet()), schema, conf, problems, toCheck);
        }
        if (!problems.isEmpty()) {
            throw rejected(what, job.id(), problems);
        }
        return new ValidatedJob(job, table, state, List.copyOf(files.keySet()), fileSettings, inputRows, toCheck,
                List.copyOf(files.values()));
    }

    /** All of a job's problems in one line: "Bulk import job j1 rejected: 2 problems: (1) ...; (2) ...". */
    public static InvalidInputException rejected(String what, String jobId, List<String> problems) {
        return new InvalidInputException(what + " " + (jobId == null ? "" : jobId + " ") + "rejected: "
                + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems: " + String.join("; ", numbered(problems))));
    }

    private static List<String> numbered(List<String> problems) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            out.add("(" + (i + 1) + ") " + problems.get(i));
        }
        return out;
    }

    /** A file is taken as it is; a directory is searched recursively for files ending in .parquet. */
    static void expand(String location, Configuration conf, TreeMap<String, FileStatus> out, List<String> problems) {
        try {
            Path path = qualify(location);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                problems.add("input " + location + " does not exist");
                return;
            }
            if (status.isFile()) {
                out.put(fs.makeQualified(status.getPath()).toString(), status);
                return;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            int before = out.size();
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                String name = f.getPath().getName();
                if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                    out.put(fs.makeQualified(f.getPath()).toString(), f);
                }
            }
            if (out.size() == before) {
                problems.add("input directory " + location + " holds no .parquet files");
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add("cannot read input " + location + ": " + e.getMessage());
        }
    }

    /** Relative paths are relative to the working directory, as on any command line. */
    static Path qualify(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return new Path(location);
        }
        return new Path(java.nio.file.Paths.get(location).toAbsolutePath().normalize().toUri());
    }

    /** Footers read at once: on an object store each read is a round trip or two, so 100,000 files in turn would take minutes. */
    static final int FOOTER_THREADS = 32;

    /**
     * Checks every input file's footer, several at a time, and returns their total row count; problems are
     * reported in the files' order, whatever order the reads finish in.
     */
    /** {@code toCheck} collects, by file, the optional key columns the footers could not show free of nulls. */
    private static long checkFooters(List<Map.Entry<String, FileStatus>> files, Schema schema, Configuration conf, List<String> problems,
                                     Map<String, List<String>> toCheck) {
        int threads = Math.min(FOOTER_THREADS, files.size());
        if (threads <= 1) {
            long rows = 0;
            for (Map.Entry<String, FileStatus> file : files) {
                rows += checkFooter(file.getKey(), file.getValue(), schema, conf, new FooterFindings(problems, toCheck));
            }
            return rows;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sediment-footer-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<FooterFindings>> found = new ArrayList<>(files.size());
            java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
            for (Map.Entry<String, FileStatus> file : files) {
                found.add(pool.submit(() -> {
                    // Each file's findings apart, gathered in file order below: the readers run at once.
                    FooterFindings own = new FooterFindings(new ArrayList<>(0), new java.util.HashMap<>(0));
                    rows.addAndGet(checkFooter(file.getKey(), file.getValue(), schema, conf, own));
                    return own;
                }));
            }
            for (java.util.concurrent.Future<FooterFindings> f : found) {
                FooterFindings own = f.get();
                problems.addAll(own.problems());
                toCheck.putAll(own.toCheck());
            }
            return rows.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidInputException("Interrupted while reading the input files' footers");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reading a footer failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record FooterFindings(List<String> problems, Map<String, List<String>> toCheck) {
    }

    /** Checks one input file's schema and returns its row count (0 if it is unreadable): one open, no status request. */
    private static long checkFooter(String file, FileStatus status, Schema schema, Configuration conf, FooterFindings findings) {
        List<String> problems = findings.problems();
        Map<String, List<String>> toCheck = findings.toCheck();
        ParquetMetadata footer;
        long rows;
        try (ParquetFileReader reader = ParquetFileReader.open(StatusInputFile.of(status, conf))) {
            footer = reader.getFooter();
            rows = reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            problems.add(file + " is not a readable Parquet file (" + reason + ")");
            return 0;
        }
        ParquetSchemas.FooterCheck check = ParquetSchemas.check(footer, schema);
        for (String mismatch : check.problems()) {
            problems.add(file + ": " + mismatch);
        }
        if (!check.keyColumnsToCheck().isEmpty()) {
            toCheck.put(file, check.keyColumnsToCheck());
        }
        return rows;
    }
}
