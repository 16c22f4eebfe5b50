package sediment.spark.merge;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import sediment.core.error.InvalidInputException;
import sediment.core.merge.MergeColumn;
import sediment.core.merge.MergeTableDefinition;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

/**
 * A Dataset merged directly, the seed's merge from an in-memory table. Its arrival order is its own
 * order: partition by partition, row by row ({@code monotonically_increasing_id}). Column types
 * must equal the definition's exactly, as in the seed.
 */
final class DatasetSource implements MergeSource {
    private final Dataset<Row> source;

    DatasetSource(Dataset<Row> source) {
        this.source = source;
    }

    @Override
    public Prepared prepare(SparkSession spark, MergeTableDefinition definition, String partitionValue, int threads, String what) {
        List<String> problems = new ArrayList<>();
        List<Column> select = new ArrayList<>();
        for (MergeColumn c : definition.dataColumns()) {
            StructField f = FileSource.field(source.schema(), c.name());
            if (f == null) {
                problems.add("it has no column '" + c.name() + "'");
            } else if (!f.dataType().equals(SparkTypes.of(c.type()))) {
                problems.add("column '" + c.name() + "' is " + f.dataType().simpleString() + " but the definition says " + c.type()
                        + " (" + SparkTypes.of(c.type()).simpleString() + ")");
            } else {
                select.add(col(f.name()).as(c.name()));
            }
        }
        StructField partitioning = FileSource.field(source.schema(), definition.partitioningColumn().name());
        if (partitioning != null) {
            if (!partitioning.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                problems.add("partitioning column '" + partitioning.name() + "' is " + partitioning.dataType().simpleString()
                        + ", not string");
            }
            select.add(col(partitioning.name()).as(definition.partitioningColumn().name()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(what + ": the source Dataset does not match the table definition: " + String.join("; ", problems));
        }
        select.add(monotonically_increasing_id().as(ARRIVAL));
        return new Prepared(source.select(select.toArray(Column[]::new)), partitioning != null, -1, "a Dataset", null);
    }
}
