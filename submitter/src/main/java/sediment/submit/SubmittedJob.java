package sediment.submit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.core.util.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job spec as the submitter sees it: what the platform needs to launch it (id, table, Spark and
 * platform settings, main class) and the spec itself, passed unchanged to the Spark job. Bulk import
 * specs are parsed and checked strictly here; merge specs are checked by the merge job itself, the
 * submitter reads only the fields every job has.
 *
 * @param tableName the Sediment table whose properties apply, or null (merge jobs)
 * @param json      the spec as the Spark job reads it, with the id filled in
 */
public record SubmittedJob(JobKind kind, String id, String tableName, String mainClass, Map<String, String> sparkConf,
                           Map<String, String> platformSpec, String json) {

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
            case BULK_IMPORT -> bulkImport(source, content, idIfMissing);
            case MERGE -> generic(kind, source, content, idIfMissing);
        };
    }

    private static SubmittedJob bulkImport(String source, byte[] content, String idIfMissing) {
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
        String mainClass = job.className() == null ? JobKind.BULK_IMPORT.mainClass() : job.className();
        return new SubmittedJob(JobKind.BULK_IMPORT, job.id(), job.tableName(), mainClass, job.sparkConf(),
                job.platformSpec(), new String(job.toJson(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static SubmittedJob generic(JobKind kind, String source, byte[] content, String idIfMissing) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw Json.describe(source, e);
        } catch (java.io.IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode spec)) {
            throw new InvalidInputException(source + ": a " + kind + " job spec must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String id = text(spec, "id", problems);
        if (id == null) {
            id = idIfMissing != null ? idIfMissing : java.util.UUID.randomUUID().toString();
            spec.put("id", id);
        }
        BulkImportJob.checkJobId(id).ifPresent(problems::add);
        Map<String, String> sparkConf = stringMap(spec, "sparkConf", problems);
        Map<String, String> platformSpec = stringMap(spec, "platformSpec", problems);
        String className = text(spec, "className", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
        try {
            return new SubmittedJob(kind, id, null, className == null ? kind.mainClass() : className, sparkConf, platformSpec,
                    Json.MAPPER.writeValueAsString(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ObjectNode spec, String field, List<String> problems) {
        JsonNode node = spec.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add("field '" + field + "' must be a string");
            return null;
        }
        return node.asText();
    }

    private static Map<String, String> stringMap(ObjectNode spec, String field, List<String> problems) {
        JsonNode node = spec.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            problems.add("field '" + field + "' must be an object of strings");
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                problems.add("field '" + field + "." + e.getKey() + "' must be a string");
            } else {
                map.put(e.getKey(), e.getValue().asText());
            }
        }
        return map;
    }
}
