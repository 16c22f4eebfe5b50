package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import sediment.spark.internal.RowBytes;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The reduce side of {@link LeafBatches}: the rows of a leaf's batches, one at a time. The row
 * returned is reused for the next one, as Spark's own iterators do; callers that keep a row copy it.
 */
final class BatchedRows implements Iterator<InternalRow> {
    private final Iterator<byte[]> batches;
    private final UnsafeRow row;
    private byte[] batch;
    private int position;

    BatchedRows(Iterator<byte[]> batches, int fieldCount) {
        this.batches = batches;
        this.row = new UnsafeRow(fieldCount);
    }

    @Override
    public boolean hasNext() {
        while (batch == null || position >= batch.length) {
            if (!batches.hasNext()) {
                return false;
            }
            batch = batches.next();
            position = 0;
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        position = RowBytes.pointTo(row, batch, position);
        return row;
    }
}
