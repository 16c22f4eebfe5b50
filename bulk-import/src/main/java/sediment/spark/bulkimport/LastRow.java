package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;

/** A copy of the latest row seen, in one reused buffer: Spark's iterators hand out one row object, overwritten by each next(). */
final class LastRow {
    private UnsafeRow unsafe;
    private InternalRow other;

    void keep(InternalRow row) {
        if (row instanceof UnsafeRow u) {
            if (unsafe == null) {
                unsafe = u.copy();
            } else {
                unsafe.copyFrom(u);
            }
        } else {
            other = row.copy();
        }
    }

    InternalRow row() {
        return unsafe != null ? unsafe : other;
    }
}
