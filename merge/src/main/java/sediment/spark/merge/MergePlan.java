package sediment.spark.merge;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows to shuffle and how to route and sort them.
 *
 * @param rows       data columns, arrival, then as needed {@value #SORT}, {@value #HASH} and {@value #DEST}
 * @param dest       the writable partition of a row, evaluated on {@code rows}
 * @param sortColumn the column of {@code rows} holding the sort value, or null without a sort formula
 */
record MergePlan(Dataset<Row> rows, Column dest, String sortColumn) {
    /** The merge's own columns, after the data columns and {@link MergeSource#ARRIVAL}. */
    static final String DEST = "__dest";
    static final String SORT = "__sort";
    static final String HASH = "__hash";
    static final String RANK = "__rank";
}
