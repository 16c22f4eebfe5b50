package sediment.spark.bulkimport;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import sediment.core.parquet.ParquetSchemas;

import java.util.Collection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

/**
 * Fails a job's read on the first null in a key column that nothing proved free of nulls (a file
 * footer without null counts, a Dataset whose key columns are nullable). The check is an expression
 * in the scan, so it costs a comparison per value and no extra pass; its message names where the
 * row came from and the column, as {@link ParquetSchemas#nullKeyMessage} words it.
 */
final class NullKeyCheck {
    /** What Spark puts around the message of {@code raise_error}; taken off so the user sees one plain line. */
    private static final String MARKER = "sediment-null-key: ";

    private NullKeyCheck() {
    }

    /** {@code where}: a string column naming the row's source, e.g. {@code input_file_name()}. */
    static Dataset<Row> failOnNull(Dataset<Row> rows, Collection<String> columns, Column where) {
        Dataset<Row> checked = rows;
        for (String column : columns) {
            String[] around = ParquetSchemas.nullKeyMessage("\u0000", column).split("\u0000", -1);
            Column message = concat(lit(MARKER + around[0]), where, lit(around[1]));
            checked = checked.withColumn(column, when(col(column).isNull(), raise_error(message)).otherwise(col(column)));
        }
        return checked;
    }

    /** The check's own message out of whatever Spark wrapped it in, or the message as it is. */
    static String unwrap(String message) {
        int at = message.indexOf(MARKER);
        if (at < 0) {
            return message;
        }
        String inner = message.substring(at + MARKER.length());
        int sqlState = inner.indexOf(" SQLSTATE:");
        return sqlState < 0 ? inner : inner.substring(0, sqlState);
    }
}
