package sediment.core.job;

import sediment.core.error.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The job contract, one definition for every launcher (local, EMR, persistent EMR, EKS, the queue
 * listener) and every Spark main: each kind of job a spec can describe, and the main class in the
 * spark-jobs jar that runs it. Every kind takes the same arguments, {@link JobArguments}. The
 * standard ingest job joins here as its own kind; nothing else changes for it.
 */
public enum JobKind {
    BULK_IMPORT("bulk-import", "sediment.spark.bulkimport.BulkImportMain"),
    MERGE("merge", "sediment.spark.merge.MergeMain"),
    /** A merge spec with {@code sourceNamespace} and {@code sourceTable}; MergeMain runs both. */
    REMERGE("remerge", "sediment.spark.merge.MergeMain"),
    /** The standard ingest: the bulk import's job JSON, run without Spark by the process that takes it (platform local). */
    INGEST("ingest", "sediment.ingest.IngestMain"),
    /** A compaction spec ({@link sediment.core.compaction.CompactionJob}): rewrites leaves into one sorted file each. */
    COMPACT("compact", "sediment.spark.compaction.CompactionMain");

    private final String cliName;
    private final String mainClass;

    JobKind(String cliName, String mainClass) {
        this.cliName = cliName;
        this.mainClass = mainClass;
    }

    public String cliName() {
        return cliName;
    }

    /** The main class (a {@link JobMain}) that runs this kind of job, unless a spec names its own. */
    public String mainClass() {
        return mainClass;
    }

    public static JobKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown job kind '" + name + "': use one of " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(JobKind::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
