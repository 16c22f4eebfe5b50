package sediment.spark.merge;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import sediment.spark.internal.SqlConfPropagation;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.asc_nulls_first;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.row_number;

/**
 * Low heap usage's group order: group sizes come from an aggregate, and each row gets its group's
 * rank in its destination (largest first, then by grouping values) through a broadcast join with
 * the rank table, one row per group. The source is read once more for the aggregate.
 */
final class GroupRanks {
    private GroupRanks() {
    }

    /** {@code input} with {@value MergePlan#RANK}; a row whose group was not counted fails its task. */
    static Dataset<Row> rank(SparkSession spark, Dataset<Row> input, List<String> grouping) {
        Column[] byKey = new Column[grouping.size() + 1];
        byKey[0] = col(MergePlan.DEST);
        for (int i = 0; i < grouping.size(); i++) {
            byKey[i + 1] = col(grouping.get(i));
        }
        Column[] order = new Column[grouping.size() + 1];
        order[0] = desc("__count");
        for (int i = 0; i < grouping.size(); i++) {
            order[i + 1] = asc_nulls_first(grouping.get(i));
        }
        List<Row> ranks = SqlConfPropagation.withSessionConf(spark, () -> input.groupBy(byKey).agg(count(lit(1)).as("__count"))
                .withColumn(MergePlan.RANK, row_number().over(Window.partitionBy(MergePlan.DEST).orderBy(order)).minus(1).cast("int"))
                .drop("__count").collectAsList());
        Dataset<Row> rankTable = rankTable(spark, input, grouping, ranks);
        Column on = col(MergePlan.DEST).equalTo(rankTable.col("__rdest"));
        for (int i = 0; i < grouping.size(); i++) {
            on = on.and(input.col(grouping.get(i)).eqNullSafe(rankTable.col("__rkey" + i)));
        }
        List<Column> keep = new ArrayList<>();
        for (String name : input.columns()) {
            keep.add(input.col(name));
        }
        keep.add(coalesce(rankTable.col("__rrank"), raise_error(lit(SparkErrors.MARK + "the source changed while it was merged:"
                + " a row's group was not there when the groups were counted; merge from a deterministic source"))).as(MergePlan.RANK));
        return input.join(broadcast(rankTable), on, "left_outer").select(keep.toArray(Column[]::new));
    }

    private static Dataset<Row> rankTable(SparkSession spark, Dataset<Row> input, List<String> grouping, List<Row> ranks) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("__rdest", DataTypes.IntegerType, false));
        for (int i = 0; i < grouping.size(); i++) {
            fields.add(DataTypes.createStructField("__rkey" + i, input.schema().apply(grouping.get(i)).dataType(), true));
        }
        fields.add(DataTypes.createStructField("__rrank", DataTypes.IntegerType, false));
        List<Row> rankRows = new ArrayList<>(ranks.size());
        for (Row r : ranks) {
            Object[] values = new Object[r.size()];
            for (int i = 0; i < r.size(); i++) {
                values[i] = r.get(i);
            }
            rankRows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rankRows, DataTypes.createStructType(fields));
    }
}
