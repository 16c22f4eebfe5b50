package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import sediment.core.error.InvalidInputException;
import sediment.core.job.BulkImportJob;
import sediment.core.util.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A merge job as users write it for the submitter, launched like a bulk import job: {@code id},
 * {@code sparkConf}, {@code platformSpec} and {@code className} as in bulk import specs, the db,
 * the table, and the merge options by the seed's names, side by side in one JSON object (see
 * {@link Spec}). With {@code sourceNamespace} and {@code sourceTable} it is a RemergeData job that
 * re-merges historical data of that table.
 */
public record MergeJob(String id, String db, String namespace, String table, String sourceNamespace, String sourceTable,
                       MergeOptions options, Map<String, String> sparkConf, Map<String, String> platformSpec, String className) {

    /** The spark-jobs main class that runs merge job specs. */
    public static final String MAIN_CLASS = "sediment.spark.merge.MergeMain";

    public MergeJob {
        options = options == null ? MergeOptions.builder().build() : options;
        sparkConf = sparkConf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        platformSpec = platformSpec == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(platformSpec));
    }

    /** Parses and checks a job file; a missing id is generated. */
    public static MergeJob read(String source, byte[] content) {
        MergeJob job = Json.read(source, content, MergeJob.class);
        List<String> problems = job.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": " + String.join("; ", problems));
        }
        return job.id() == null ? job.withId(UUID.randomUUID().toString()) : job;
    }

    @JsonIgnore
    public boolean isRemerge() {
        return sourceNamespace != null || sourceTable != null;
    }

    /** Everything wrong with the spec itself (not yet with the db or the data). */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id != null) {
            BulkImportJob.checkJobId(id).ifPresent(problems::add);
        }
        if (namespace == null) {
            problems.add("field 'namespace' is missing");
        } else {
            MergeLayout.nameProblem("namespace", namespace).ifPresent(problems::add);
        }
        if (table == null) {
            problems.add("field 'table' is missing");
        } else {
            MergeLayout.nameProblem("table", table).ifPresent(problems::add);
        }
        if ((sourceNamespace == null) != (sourceTable == null)) {
            problems.add("a remerge job needs both 'sourceNamespace' and 'sourceTable'");
        }
        if (sourceNamespace != null) {
            MergeLayout.nameProblem("sourceNamespace", sourceNamespace).ifPresent(problems::add);
        }
        if (sourceTable != null) {
            MergeLayout.nameProblem("sourceTable", sourceTable).ifPresent(problems::add);
        }
        if (options.deleteIntraday() && isRemerge()) {
            problems.add("deleteIntraday does not apply to a remerge job, whose source is historical data");
        }
        problems.addAll(options.problems());
        return problems;
    }

    /** A spec for a merge with these options, e.g. one the benchmark writes for a child JVM. */
    public static MergeJob of(String id, String db, String namespace, String table, MergeOptions o) {
        return new MergeJob(id, db, namespace, table, null, null, o, null, null, null);
    }

    public MergeJob withId(String newId) {
        return new MergeJob(newId, db, namespace, table, sourceNamespace, sourceTable, options, sparkConf, platformSpec, className);
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MergeJob of(Spec spec) {
        return new MergeJob(spec.id, spec.db, spec.namespace, spec.table, spec.sourceNamespace, spec.sourceTable, spec.toOptions(),
                spec.sparkConf, spec.platformSpec, spec.className);
    }

    @JsonValue
    Spec spec() {
        Spec spec = new Spec().options(options);
        spec.id = id;
        spec.db = db;
        spec.namespace = namespace;
        spec.table = table;
        spec.sourceNamespace = sourceNamespace;
        spec.sourceTable = sourceTable;
        spec.sparkConf = sparkConf;
        spec.platformSpec = platformSpec;
        spec.className = className;
        return spec;
    }

    /**
     * The JSON form: the job's own fields and the options' fields in one object, as users write it.
     * The options are {@link MergeOptions.Setters}' fields, so they are named and defaulted there.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "db", "namespace", "table", "sourceNamespace", "sourceTable"})
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
            creatorVisibility = JsonAutoDetect.Visibility.NONE)
    static final class Spec extends MergeOptions.Setters<Spec> {
        private String id;
        private String db;
        private String namespace;
        private String table;
        private String sourceNamespace;
        private String sourceTable;
        private Map<String, String> sparkConf;
        private Map<String, String> platformSpec;
        private String className;
    }
}
