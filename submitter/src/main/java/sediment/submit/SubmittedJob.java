package sediment.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import sediment.core.compaction.CompactionJob;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.core.job.JobKind;
import sediment.core.merge.MergeJob;
import sediment.core.util.Json;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job spec as the submitter sees it: what the platform needs to launch it (id, table, Spark and
 * platform settings, main class) and the spec itself, passed unchanged to the Spark job. Every kind
 * is parsed and checked here exactly as its Spark job will parse it, so a spec the job would refuse
 * is refused before anything is launched.
 *
 * @param tableName the Sediment table whose properties apply, or null (merge jobs)
 * @param target    what the job writes to, as its status records name it (the table, or NAMESPACE.TABLE)
 * @param json      the spec as the Spark job reads it, with the id filled in
 */
public record SubmittedJob(JobKind kind, String id, String tableName, String target, String mainClass,
                           Map<String, String> sparkConf, Map<String, String> platformSpec, String json) {

    public SubmittedJob {
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        platformSpec = Collections.unmodifiableMap(new LinkedHashMap<>(platformSpec));
    }

    /**
     * Reads a spec. A spec without an id gets {@code idIfMissing}, so a queue message delivered twice
     * is the same job both times; null generates a random id.
     */
    public static SubmittedJob read(JobKind kind, String source, byte[] content, String idIfMissing) {
        return switch (kind) {
            case BULK_IMPORT, INGEST -> bulkImport(kind, source, content, idIfMissing);
            case MERGE, REMERGE -> merge(kind, source, content, idIfMissing);
            case COMPACT -> compaction(kind, source, content, idIfMissing);
        };
    }

    /** The spec as it may be stored, printed or sent: secrets in its settings show {@value Secrets#REDACTED}. */
    public String redactedJson() {
        try {
            return Json.MAPPER.writeValueAsString(Secrets.redact(Json.MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spec as a JSON tree, redacted. */
    public JsonNode redactedTree() {
        try {
            return Secrets.redact(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bulk import or ingest spec: the same JSON, checked the same way. */
    private static SubmittedJob bulkImport(JobKind kind, String source, byte[] content, String idIfMissing) {
        BulkImportJob job = Json.read(source, content, BulkImportJob.class);
        if (job.id() == null && idIfMissing != null) {
            job = job.withId(idIfMissing);
        }
        List<String> problems = job.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
        if (job.id() == null) {
            job = BulkImportJob.read(source, content);
        }
        String mainClass = job.className() == null ? kind.mainClass() : job.className();
        return new SubmittedJob(kind, job.id(), job.tableName(), job.tableName(), mainClass, job.sparkConf(),
                job.platformSpec(), new String(job.toJson(), StandardCharsets.UTF_8));
    }

    /** A compaction spec, checked by {@link CompactionJob} as CompactionMain checks it. */
    private static SubmittedJob compaction(JobKind kind, String source, byte[] content, String idIfMissing) {
        CompactionJob job = Json.read(source, content, CompactionJob.class);
        if (job.id() == null && idIfMissing != null) {
            job = job.withId(idIfMissing);
        }
        job = CompactionJob.read(source, job.toJson());
        String mainClass = job.className() == null ? kind.mainClass() : job.className();
        return new SubmittedJob(kind, job.id(), job.tableName(), job.tableName(), mainClass, job.sparkConf(),
                job.platformSpec(), new String(job.toJson(), StandardCharsets.UTF_8));
    }

    /** Merge and remerge specs, checked by {@link MergeJob} as MergeMain checks them. */
    private static SubmittedJob merge(JobKind kind, String source, byte[] content, String idIfMissing) {
        MergeJob job = Json.read(source, content, MergeJob.class);
        if (job.id() == null && idIfMissing != null) {
            job = job.withId(idIfMissing);
        }
        job = MergeJob.read(source, job.toJson());
        if (job.isRemerge() != (kind == JobKind.REMERGE)) {
            throw new InvalidInputException(source + ": " + (job.isRemerge()
                    ? "this is a remerge spec (it has sourceNamespace and sourceTable): submit it with --kind remerge"
                    : "a remerge spec needs 'sourceNamespace' and 'sourceTable' (or submit it with --kind merge)"));
        }
        String mainClass = job.className() == null ? kind.mainClass() : job.className();
        return new SubmittedJob(kind, job.id(), null, job.namespace() + "." + job.table(), mainClass, job.sparkConf(),
                job.platformSpec(), new String(job.toJson(), StandardCharsets.UTF_8));
    }
}
