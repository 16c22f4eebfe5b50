package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import sediment.core.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of one merge, named as in the seed's merge API. Defaults are the seed's:
 * {@code threadPoolSize} 4, {@code maximumConcurrentColumns} unlimited, {@code allowEmptyInput} true,
 * everything else off; plus Sediment's {@code validate} (on) and {@code deleteIntraday} (off).
 *
 * @param partitionColumnValue     the column partition to merge, e.g. {@code 2018-05-01}
 * @param partitionColumnFormula   or a formula giving it, see {@link PartitionFormula}
 * @param threadPoolSize           the most destinations written at once (and footers read at once)
 * @param maximumConcurrentColumns accepted for compatibility; see docs/merge.md for why it has no effect on Spark
 * @param lowHeapUsage             one destination at a time with a spilling sort, instead of in-memory reordering
 * @param force                    replace existing historical data of the column partition
 * @param allowEmptyInput          succeed when there is no input data
 * @param sortColumnFormula        a Spark SQL expression to sort rows within groups by
 * @param storageFormat            {@code Parquet} or {@code Default} (the definition's)
 * @param codecName                a Parquet codec name or {@code DEFAULT} (the definition's, else SNAPPY)
 * @param lateCleanup              with force: delete the replaced data only after the new data is in place
 * @param validate                 compare row count and checksum of the historical data with the source after the merge
 * @param deleteIntraday           delete the intraday data once validation passed
 * @param tableDef                 a definition file to use instead of {@code <db>/Schemas/<namespace>/<table>.json}
 */
public record MergeOptions(String partitionColumnValue, String partitionColumnFormula, int threadPoolSize,
                           int maximumConcurrentColumns, boolean lowHeapUsage, boolean force, boolean allowEmptyInput,
                           String sortColumnFormula, String storageFormat, String codecName, boolean lateCleanup,
                           boolean validate, boolean deleteIntraday, String tableDef) {

    public static final int DEFAULT_THREAD_POOL_SIZE = 4;

    public MergeOptions {
        partitionColumnValue = blankToNull(partitionColumnValue);
        partitionColumnFormula = blankToNull(partitionColumnFormula);
        sortColumnFormula = blankToNull(sortColumnFormula);
        storageFormat = blankToNull(storageFormat);
        codecName = blankToNull(codecName);
        tableDef = blankToNull(tableDef);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().options(this);
    }

    /** Everything wrong with these options on their own, before looking at any data. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (partitionColumnValue != null && partitionColumnFormula != null) {
            problems.add("give either partitionColumnValue or partitionColumnFormula, not both (got value '" + partitionColumnValue
                    + "' and formula '" + partitionColumnFormula + "')");
        } else if (partitionColumnValue == null && partitionColumnFormula == null) {
            problems.add("give the column partition to merge: partitionColumnValue (e.g. 2018-05-01) or partitionColumnFormula"
                    + " (e.g. Calendars.calendar(\"USNYSE\").previousBusinessDay(1))");
        }
        if (partitionColumnValue != null) {
            MergeLayout.nameProblem("partitionColumnValue", partitionColumnValue).ifPresent(problems::add);
        }
        if (threadPoolSize < 1) {
            problems.add("threadPoolSize must be at least 1, not " + threadPoolSize);
        }
        if (maximumConcurrentColumns < 1) {
            problems.add("maximumConcurrentColumns must be at least 1, not " + maximumConcurrentColumns);
        }
        MergeTableDefinition.checkStorageFormat("storageFormat", storageFormat).ifPresent(problems::add);
        try {
            ParquetCodec.parseOrNull("codecName", codecName);
        } catch (InvalidInputException e) {
            problems.add(e.getMessage());
        }
        if (lateCleanup && !force) {
            problems.add("lateCleanup=true only changes how force=true replaces data: set force=true too, or drop lateCleanup");
        }
        if (deleteIntraday && !validate) {
            problems.add("deleteIntraday=true needs validate=true: intraday data is deleted only after validation passed");
        }
        return problems;
    }

    /** Throws one line listing every problem, if there are any. */
    public MergeOptions check(String what) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(what + ": " + String.join("; ", problems));
        }
        return this;
    }

    /** The codec to write with: this merge's, else the definition's default. */
    public ParquetCodec codec(MergeTableDefinition definition) {
        ParquetCodec chosen = ParquetCodec.parseOrNull("codecName", codecName);
        return chosen != null ? chosen : definition.defaultParquetCodec();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The setters of every builder that takes merge options ({@link Builder}, the spark-jobs
     * {@code MergeData.Builder}, the JSON form of {@link MergeJob}), so that each option and its
     * default are written once, here. Named as the seed's options, with the seed's {@code set}
     * forms as aliases. Jackson fills the fields directly: a job spec's and the command line's
     * option names are these fields' names, and a null in a job spec keeps the default.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
            creatorVisibility = JsonAutoDetect.Visibility.NONE)
    public abstract static class Setters<B extends Setters<B>> {
        private String partitionColumnValue;
        private String partitionColumnFormula;
        @JsonSetter(nulls = Nulls.SKIP)
        private int threadPoolSize = DEFAULT_THREAD_POOL_SIZE;
        @JsonSetter(nulls = Nulls.SKIP)
        private int maximumConcurrentColumns = Integer.MAX_VALUE;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean lowHeapUsage;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean force;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean allowEmptyInput = true;
        private String sortColumnFormula;
        private String storageFormat;
        private String codecName;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean lateCleanup;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean validate = true;
        @JsonSetter(nulls = Nulls.SKIP)
        private boolean deleteIntraday;
        private String tableDef;

        protected Setters() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** All options at once, e.g. from a job spec or command line; replaces what was set before. */
        public B options(MergeOptions o) {
            partitionColumnValue = o.partitionColumnValue;
            partitionColumnFormula = o.partitionColumnFormula;
            threadPoolSize = o.threadPoolSize;
            maximumConcurrentColumns = o.maximumConcurrentColumns;
            lowHeapUsage = o.lowHeapUsage;
            force = o.force;
            allowEmptyInput = o.allowEmptyInput;
            sortColumnFormula = o.sortColumnFormula;
            storageFormat = o.storageFormat;
            codecName = o.codecName;
            lateCleanup = o.lateCleanup;
            validate = o.validate;
            deleteIntraday = o.deleteIntraday;
            tableDef = o.tableDef;
            return self();
        }

        /** The seed's {@code name=value} words, applied in order over what is set; see {@link MergeArguments}. */
        public B words(List<String> words) {
            return MergeArguments.apply(self(), words);
        }

        /** The options as set so far. */
        protected final MergeOptions toOptions() {
            return new MergeOptions(partitionColumnValue, partitionColumnFormula, threadPoolSize, maximumConcurrentColumns,
                    lowHeapUsage, force, allowEmptyInput, sortColumnFormula, storageFormat, codecName, lateCleanup, validate,
                    deleteIntraday, tableDef);
        }

        public B partitionColumnValue(String v) {
            partitionColumnValue = v;
            return self();
        }

        public B partitionColumnFormula(String v) {
            partitionColumnFormula = v;
            return self();
        }

        public B threadPoolSize(int v) {
            threadPoolSize = v;
            return self();
        }

        public B maximumConcurrentColumns(int v) {
            maximumConcurrentColumns = v;
            return self();
        }

        public B lowHeapUsage(boolean v) {
            lowHeapUsage = v;
            return self();
        }

        public B force(boolean v) {
            force = v;
            return self();
        }

        public B allowEmptyInput(boolean v) {
            allowEmptyInput = v;
            return self();
        }

        public B sortColumnFormula(String v) {
            sortColumnFormula = v;
            return self();
        }

        public B storageFormat(String v) {
            storageFormat = v;
            return self();
        }

        public B codecName(String v) {
            codecName = v;
            return self();
        }

        public B lateCleanup(boolean v) {
            lateCleanup = v;
            return self();
        }

        /** Compare row count and checksum of the historical data with the source after the merge (default true). */
        public B validate(boolean v) {
            validate = v;
            return self();
        }

        /** Delete the intraday data once validation passed (default false). */
        public B deleteIntraday(boolean v) {
            deleteIntraday = v;
            return self();
        }

        /** A definition file to use instead of {@code <db>/Schemas/<namespace>/<table>.json}. */
        public B tableDef(String v) {
            tableDef = v;
            return self();
        }

        // The seed's setter names.

        public B setPartitionColumnValue(String v) {
            return partitionColumnValue(v);
        }

        public B setPartitionColumnFormula(String v) {
            return partitionColumnFormula(v);
        }

        public B setThreadPoolSize(int v) {
            return threadPoolSize(v);
        }

        public B setMaximumConcurrentColumns(int v) {
            return maximumConcurrentColumns(v);
        }

        public B setLowHeapUsage(boolean v) {
            return lowHeapUsage(v);
        }

        public B setForce(boolean v) {
            return force(v);
        }

        public B setAllowEmptyInput(boolean v) {
            return allowEmptyInput(v);
        }

        public B setSortColumnFormula(String v) {
            return sortColumnFormula(v);
        }

        public B setStorageFormat(String v) {
            return storageFormat(v);
        }

        public B setCodecName(String v) {
            return codecName(v);
        }
    }

    /** Builds options on their own, e.g. for {@code MergeFromTable.merge}. */
    public static final class Builder extends Setters<Builder> {
        private Builder() {
        }

        public MergeOptions build() {
            return toOptions();
        }
    }
}
