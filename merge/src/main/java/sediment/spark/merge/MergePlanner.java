package sediment.spark.merge;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import sediment.core.error.InvalidInputException;
import sediment.core.merge.MergeColumn;
import sediment.core.merge.MergeOptions;
import sediment.core.merge.MergeTableDefinition;
import sediment.spark.internal.AnalyzedColumns;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Checks the key and sort formulas against the source and lays out the rows to shuffle. The
 * writable partition is computed inside the shuffle's partitioning expression when the key
 * formula uses only data columns (as the default does), so it costs no bytes in the shuffle;
 * likewise a sort formula that is just a column reuses that column. The partitioning column,
 * when the source has it, is checked against the value as the arrival order is computed.
 */
final class MergePlanner {
    private MergePlanner() {
    }

    /** @param destColumn whether the writable partition must be a column of its own (low heap mode joins on it) */
    static MergePlan plan(MergeTarget target, MergeOptions options, MergeSource.Prepared prepared, boolean destColumn) {
        MergeTableDefinition definition = target.definition();
        String what = target.what();
        Dataset<Row> rows = prepared.rows();
        int n = definition.writablePartitions();
        String keyFormula = definition.keyFormulaFor(target.partitionValue());
        Column key = Formulas.parse(rows, "keyFormula", keyFormula, what);
        Dataset<Row> keyProbe = rows.select(key);
        DataType keyType = keyProbe.schema().fields()[0].dataType();
        if (!(keyType instanceof IntegralType)) {
            throw new InvalidInputException(what + ": keyFormula '" + keyFormula + "' gives " + keyType.simpleString()
                    + ", not a whole number: it must give a writable partition number from 0 to " + (n - 1));
        }
        Column dest = when(key.isNull().or(key.lt(0)).or(key.geq(n)), raise_error(concat(
                lit(SparkErrors.MARK + "keyFormula '" + keyFormula + "' gave "), coalesce(key.cast("string"), lit("null")),
                lit(" for a row; it must give a writable partition number from 0 to " + (n - 1)))))
                .otherwise(key.cast("int"));
        List<String> dataNames = definition.dataColumns().stream().map(MergeColumn::name).toList();
        List<Column> data = dataNames.stream().map(org.apache.spark.sql.functions::col).toList();
        List<Column> select = new ArrayList<>(data);
        select.add(arrival(target, prepared).as(MergeSource.ARRIVAL));
        String sortColumn = null;
        if (options.sortColumnFormula() != null) {
            Column sort = Formulas.sort(rows, definition, options.sortColumnFormula(), what);
            sortColumn = Formulas.plainColumn(rows.select(sort), dataNames);
            if (sortColumn == null) {
                select.add(sort.as(MergePlan.SORT));
                sortColumn = MergePlan.SORT;
            }
        }
        if (options.validate()) {
            select.add(xxhash64(data.toArray(Column[]::new)).as(MergePlan.HASH));
        }
        boolean keyOnData = AnalyzedColumns.references(keyProbe).stream().allMatch(r -> dataNames.stream().anyMatch(r::equalsIgnoreCase));
        if (destColumn || !keyOnData) {
            select.add(dest.as(MergePlan.DEST));
            return new MergePlan(rows.select(select.toArray(Column[]::new)), col(MergePlan.DEST), sortColumn);
        }
        return new MergePlan(rows.select(select.toArray(Column[]::new)), dest, sortColumn);
    }

    /** The arrival order, failing the task if a row's partitioning column is not the value merged. */
    private static Column arrival(MergeTarget target, MergeSource.Prepared prepared) {
        Column arrival = col(MergeSource.ARRIVAL);
        if (!prepared.partitionColumnPresent()) {
            return arrival;
        }
        String p = target.definition().partitioningColumn().name();
        String value = target.partitionValue();
        return when(not(col(p).eqNullSafe(lit(value))), raise_error(concat(
                lit(SparkErrors.MARK + "a row of " + prepared.description() + " has " + p + " = "), coalesce(col(p), lit("null")),
                lit(", not " + value)))).otherwise(arrival);
    }
}
