package sediment.spark.merge;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sediment.core.merge.MergeTableDefinition;

/**
 * Where the rows of a merge come from: intraday files, another table's historical files
 * (RemergeData), or a Dataset (merge from a table).
 */
interface MergeSource {
    /** The column every prepared source adds: its arrival order, smaller first. */
    String ARRIVAL = "__arrival";

    /**
     * Checks the source against the definition and gives its rows: the definition's data columns
     * with exactly the definition's types, the partitioning column if the source has it, and
     * {@link #ARRIVAL}.
     */
    Prepared prepare(SparkSession spark, MergeTableDefinition definition, String partitionValue, int threads, String what);

    /**
     * @param rows                   null when the source is known to be empty
     * @param partitionColumnPresent whether rows carry the partitioning column, to be checked against the value
     * @param knownRows              the row count from file footers, or -1 when only reading tells
     * @param description            for messages, e.g. "8 intraday files in file:/db/Intraday/..."
     * @param intradayDir            the directory deleteIntraday removes, or null
     */
    record Prepared(Dataset<Row> rows, boolean partitionColumnPresent, long knownRows, String description, String intradayDir) {
        boolean isEmpty() {
            return rows == null || knownRows == 0 || rows.isEmpty();
        }
    }
}
