package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * the table, and the merge options by the seed's names. With {@code sourceNamespace} and
 * {@code sourceTable} it is a RemergeData job that re-merges historical data of that table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MergeJob(
        @JsonProperty("id") String id,
        @JsonProperty("db") String db,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("table") String table,
        @JsonProperty("sourceNamespace") String sourceNamespace,
        @JsonProperty("sourceTable") String sourceTable,
        @JsonProperty("partitionColumnValue") String partitionColumnValue,
        @JsonProperty("partitionColumnFormula") String partitionColumnFormula,
        @JsonProperty("threadPoolSize") Integer threadPoolSize,
        @JsonProperty("maximumConcurrentColumns") Integer maximumConcurrentColumns,
        @JsonProperty("lowHeapUsage") Boolean lowHeapUsage,
        @JsonProperty("force") Boolean force,
        @JsonProperty("allowEmptyInput") Boolean allowEmptyInput,
        @JsonProperty("sortColumnFormula") String sortColumnFormula,
        @JsonProperty("storageFormat") String storageFormat,
        @JsonProperty("codecName") String codecName,
        @JsonProperty("lateCleanup") Boolean lateCleanup,
        @JsonProperty("validate") Boolean validate,
        @JsonProperty("deleteIntraday") Boolean deleteIntraday,
        @JsonProperty("tableDef") String tableDef,
        @JsonProperty("sparkConf") Map<String, String> sparkConf,
        @JsonProperty("platformSpec") Map<String, String> platformSpec,
        @JsonProperty("className") String className) {

    /** The spark-jobs main class that runs merge job specs. */
    public static final String MAIN_CLASS = "sediment.spark.merge.MergeMain";

    public MergeJob {
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

    @com.fasterxml.jackson.annotation.JsonIgnore
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
        if (Boolean.TRUE.equals(deleteIntraday) && isRemerge()) {
            problems.add("deleteIntraday does not apply to a remerge job, whose source is historical data");
        }
        problems.addAll(options().problems());
        return problems;
    }

    public MergeOptions options() {
        MergeOptions.Builder b = MergeOptions.builder()
                .partitionColumnValue(partitionColumnValue)
                .partitionColumnFormula(partitionColumnFormula)
                .sortColumnFormula(sortColumnFormula)
                .storageFormat(storageFormat)
                .codecName(codecName)
                .tableDef(tableDef);
        if (threadPoolSize != null) {
            b.threadPoolSize(threadPoolSize);
        }
        if (maximumConcurrentColumns != null) {
            b.maximumConcurrentColumns(maximumConcurrentColumns);
        }
        if (lowHeapUsage != null) {
            b.lowHeapUsage(lowHeapUsage);
        }
        if (force != null) {
            b.force(force);
        }
        if (allowEmptyInput != null) {
            b.allowEmptyInput(allowEmptyInput);
        }
        if (lateCleanup != null) {
            b.lateCleanup(lateCleanup);
        }
        if (validate != null) {
            b.validate(validate);
        }
        if (deleteIntraday != null) {
            b.deleteIntraday(deleteIntraday);
        }
        return b.build();
    }

    /** A spec for a merge with these options, e.g. one the benchmark writes for a child JVM. */
    public static MergeJob of(String id, String db, String namespace, String table, MergeOptions o) {
        return new MergeJob(id, db, namespace, table, null, null, o.partitionColumnValue(), o.partitionColumnFormula(),
                o.threadPoolSize(), o.maximumConcurrentColumns(), o.lowHeapUsage(), o.force(), o.allowEmptyInput(),
                o.sortColumnFormula(), o.storageFormat(), o.codecName(), o.lateCleanup(), o.validate(), o.deleteIntraday(),
                o.tableDef(), null, null, null);
    }

    public MergeJob withId(String newId) {
        return new MergeJob(newId, db, namespace, table, sourceNamespace, sourceTable, partitionColumnValue, partitionColumnFormula,
                threadPoolSize, maximumConcurrentColumns, lowHeapUsage, force, allowEmptyInput, sortColumnFormula, storageFormat,
                codecName, lateCleanup, validate, deleteIntraday, tableDef, sparkConf, platformSpec, className);
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
