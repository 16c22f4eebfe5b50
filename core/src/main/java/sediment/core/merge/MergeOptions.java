package sediment.core.merge;

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
        return new Builder(this);
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

    /** A mutable builder; setters are named as the seed's options, with the seed's {@code set} forms as aliases. */
    public static final class Builder {
        private String partitionColumnValue;
        private String partitionColumnFormula;
        private int threadPoolSize = DEFAULT_THREAD_POOL_SIZE;
        private int maximumConcurrentColumns = Integer.MAX_VALUE;
        private boolean lowHeapUsage;
        private boolean force;
        private boolean allowEmptyInput = true;
        private String sortColumnFormula;
        private String storageFormat;
        private String codecName;
        private boolean lateCleanup;
        private boolean validate = true;
        private boolean deleteIntraday;
        private String tableDef;

        private Builder() {
        }

        private Builder(MergeOptions o) {
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
        }

        public Builder partitionColumnValue(String v) {
            partitionColumnValue = v;
            return this;
        }

        public Builder partitionColumnFormula(String v) {
            partitionColumnFormula = v;
            return this;
        }

        public Builder threadPoolSize(int v) {
            threadPoolSize = v;
            return this;
        }

        public Builder maximumConcurrentColumns(int v) {
            maximumConcurrentColumns = v;
            return this;
        }

        public Builder lowHeapUsage(boolean v) {
            lowHeapUsage = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        public Builder allowEmptyInput(boolean v) {
            allowEmptyInput = v;
            return this;
        }

        public Builder sortColumnFormula(String v) {
            sortColumnFormula = v;
            return this;
        }

        public Builder storageFormat(String v) {
            storageFormat = v;
            return this;
        }

        public Builder codecName(String v) {
            codecName = v;
            return this;
        }

        public Builder lateCleanup(boolean v) {
            lateCleanup = v;
            return this;
        }

        public Builder validate(boolean v) {
            validate = v;
            return this;
        }

        public Builder deleteIntraday(boolean v) {
            deleteIntraday = v;
            return this;
        }

        public Builder tableDef(String v) {
            tableDef = v;
            return this;
        }

        public MergeOptions build() {
            return new MergeOptions(partitionColumnValue, partitionColumnFormula, threadPoolSize, maximumConcurrentColumns,
                    lowHeapUsage, force, allowEmptyInput, sortColumnFormula, storageFormat, codecName, lateCleanup, validate,
                    deleteIntraday, tableDef);
        }
    }
}
