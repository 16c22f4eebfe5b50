package sediment.core.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import sediment.core.error.InvalidInputException;
import sediment.core.util.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A bulk import job as users write it, field for field as in Sleeper's job JSON: the table, the
 * files or directories to import, Spark settings, platform settings, and optionally the id and the
 * Spark main class.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkImportJob(
        @JsonProperty("id") String id,
        @JsonProperty("tableName") String tableName,
        @JsonProperty("files") List<String> files,
        @JsonProperty("sparkConf") Map<String, String> sparkConf,
        @JsonProperty("platformSpec") Map<String, String> platformSpec,
        @JsonProperty("className") String className) {

    /** Job ids name the Kubernetes driver pod, so they must be DNS labels. */
    private static final Pattern JOB_ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public BulkImportJob {
        files = files == null ? null : List.copyOf(files);
        sparkConf = sparkConf == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        platformSpec = platformSpec == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(platformSpec));
    }

    /** Parses a job file: JSON syntax, known fields and their types only. */
    public static BulkImportJob parse(String source, byte[] content) {
        return Json.read(source, content, BulkImportJob.class);
    }

    /** Parses and checks a job file; a missing id is generated. */
    public static BulkImportJob read(String source, byte[] content) {
        BulkImportJob job = parse(source, content);
        List<String> problems = job.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
        return job.id() == null ? job.withId(UUID.randomUUID().toString()) : job;
    }

    public BulkImportJob withId(String newId) {
        return new BulkImportJob(newId, tableName, files, sparkConf, platformSpec, className);
    }

    /** Everything wrong with the spec itself (not yet with the table or the files). */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id != null) {
            checkJobId(id).ifPresent(problems::add);
        }
        if (tableName == null || tableName.isBlank()) {
            problems.add("field 'tableName' is missing or empty");
        }
        if (files == null || files.isEmpty()) {
            problems.add("field 'files' must list at least one file or directory");
        } else {
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i) == null || files.get(i).isBlank()) {
                    problems.add("field 'files[" + i + "]' is empty");
                }
            }
        }
        return problems;
    }

    public static java.util.Optional<String> checkJobId(String id) {
        if (id.length() > 63 || !JOB_ID.matcher(id).matches()) {
            return java.util.Optional.of("job id '" + id + "' is not valid: it names the Kubernetes driver pod, so it must be"
                    + " 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
        return java.util.Optional.empty();
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
