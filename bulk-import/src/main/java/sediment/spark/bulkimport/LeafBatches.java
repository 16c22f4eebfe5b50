package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.ByteArray;
import scala.Tuple2;
import sediment.spark.internal.RowBytes;
import sediment.spark.internal.RowProjections;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The map side of the bulk import's shuffle: packs each input row, in Spark's UnsafeRow bytes, into
 * a batch for its leaf and emits (leaf index, batch) pairs. Shuffling a few thousand batches of
 * tens of kilobytes instead of millions of rows takes the per-record work (a length, a stream call,
 * a serializer call each way) out of the shuffle; the bytes shuffled are the same.
 *
 * Each batch is put in order of its rows' first row-key field before it is sent, so a leaf arrives
 * as a few dozen sorted runs and the reduce side reads its sorted rows from them nearly sequentially.
 *
 * <p>Batch format ({@link RowBytes}): for each row, its size in bytes as a native-order int, then the row's bytes.
 */
final class LeafBatches implements Iterator<Tuple2<Integer, byte[]>> {
    /**
     * Upper bound on the bytes a map task holds in unfinished batches across all leaves. A tree with
     * more leaves than fit at the smallest batch size still stays within it: when a new buffer would
     * exceed it, every unfinished batch is emitted and the buffers are released.
     */
    static final int BUFFER_BUDGET_BYTES = 32 << 20;
    static final int MAX_BATCH_BYTES = 128 << 10;
    static final int MIN_BATCH_BYTES = 4 << 10;

    private final Iterator<InternalRow> rows;
    private final LeafLocator locator;
    private final StructType schema;
    private UnsafeProjection toUnsafe;
    private final int batchBytes;
    private final long budgetBytes;
    private long allocatedBytes;
    private final byte[][] buffers;
    private final int[] lengths;
    private final ArrayDeque<Tuple2<Integer, byte[]>> ready = new ArrayDeque<>();
    // Reordering a batch: row starts and (key prefix, row number) pairs, reused between batches.
    private static final long ROW_NUMBER_MASK = 0xFFFF;
    private final UnsafeRow scratch;
    private int[] starts = new int[1024];
    private long[] order = new long[1024];
    private int nextToFlush;

    LeafBatches(Iterator<InternalRow> rows, LeafLocator locator, int leafCount, StructType schema) {
        this(rows, locator, leafCount, schema, BUFFER_BUDGET_BYTES);
    }

    LeafBatches(Iterator<InternalRow> rows, LeafLocator locator, int leafCount, StructType schema, long budgetBytes) {
        this.rows = rows;
        this.locator = locator;
        this.schema = schema;
        this.budgetBytes = budgetBytes;
        this.scratch = new UnsafeRow(schema.size());
        this.batchBytes = batchBytes(leafCount);
        this.buffers = new byte[leafCount][];
        this.lengths = new int[leafCount];
    }

    static int batchBytes(int leafCount) {
        return Math.max(MIN_BATCH_BYTES, Math.min(MAX_BATCH_BYTES, BUFFER_BUDGET_BYTES / Math.max(1, leafCount)));
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            if (rows.hasNext()) {
                add(rows.next());
            } else if (!flushNextLeaf()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tuple2<Integer, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void add(InternalRow input) {
        UnsafeRow row = input instanceof UnsafeRow u ? u : toUnsafe().apply(input);
        int leaf = locator.leafOf(row);
        int entry = RowBytes.entrySize(row);
        byte[] buffer = buffers[leaf];
        if (buffer == null) {
            int capacity = Math.max(batchBytes, entry);
            if (allocatedBytes > 0 && allocatedBytes + capacity > budgetBytes) {
                emitAll();
            }
            buffer = buffers[leaf] = new byte[capacity];
            allocatedBytes += capacity;
        } else if (lengths[leaf] + entry > buffer.length) {
            emit(leaf);
            if (entry > buffer.length) {
                allocatedBytes += entry - buffer.length;
                buffer = buffers[leaf] = new byte[entry];
            }
        }
        lengths[leaf] = RowBytes.write(row, buffer, lengths[leaf]);
    }

    private UnsafeProjection toUnsafe() {
        if (toUnsafe == null) {
            toUnsafe = RowProjections.toUnsafe(schema);
        }
        return toUnsafe;
    }

    /** Bytes held in buffers for unfinished batches. */
    long allocatedBytes() {
        return allocatedBytes;
    }

    private void emitAll() {
        for (int leaf = 0; leaf < buffers.length; leaf++) {
            if (buffers[leaf] != null) {
                if (lengths[leaf] > 0) {
                    emit(leaf);
                }
                buffers[leaf] = null;
            }
        }
        allocatedBytes = 0;
    }

    /** Emits the next unfinished batch once the input is exhausted; false when none is left. */
    private boolean flushNextLeaf() {
        while (nextToFlush < buffers.length) {
            int leaf = nextToFlush++;
            if (buffers[leaf] != null) {
                allocatedBytes -= buffers[leaf].length;
                boolean any = lengths[leaf] > 0;
                if (any) {
                    emit(leaf);
                }
                buffers[leaf] = null;
                if (any) {
                    return true;
                }
            }
        }
        return false;
    }

    private void emit(int leaf) {
        // A copy (the shuffle may hold on to the batch after this iterator moves on), in key order.
        ready.add(new Tuple2<>(leaf, inKeyOrder(buffers[leaf], lengths[leaf])));
        lengths[leaf] = 0;
    }

    /**
     * The batch's rows reordered by the first 64 bits of their first row-key field. The order need
     * not be exact (Spark's sort on the reduce side decides it); it makes each batch a sorted run, so
     * that the reduce side reads the sorted rows from a few dozen sequential runs instead of from
     * random places in memory.
     */
    private byte[] inKeyOrder(byte[] buffer, int length) {
        int n = 0;
        for (int at = 0; at < length; n++) {
            if (n > ROW_NUMBER_MASK) {
                return Arrays.copyOf(buffer, length);
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                order = Arrays.copyOf(order, n * 2);
            }
            starts[n] = at;
            at = RowBytes.pointTo(scratch, buffer, at);
            order[n] = (keyPrefix(scratch) & ~ROW_NUMBER_MASK) | n;
        }
        if (n < 2) {
            return Arrays.copyOf(buffer, length);
        }
        Arrays.sort(order, 0, n);
        byte[] sorted = new byte[length];
        int to = 0;
        for (int i = 0; i < n; i++) {
            int from = starts[(int) (order[i] & ROW_NUMBER_MASK)];
            int bytes = RowBytes.entrySizeAt(buffer, from);
            System.arraycopy(buffer, from, sorted, to, bytes);
            to += bytes;
        }
        return sorted;
    }

    /** A signed long that orders rows as their first key field does, to 64 bits of precision. */
    private long keyPrefix(UnsafeRow row) {
        int ordinal = locator.firstKeyOrdinal();
        return switch (locator.firstKeyType()) {
            case LONG -> row.getLong(ordinal);
            case INT -> row.getInt(ordinal);
            // Spark's prefixes compare unsigned; flipping the sign bit makes them compare signed.
            case STRING -> row.getUTF8String(ordinal).getPrefix() ^ Long.MIN_VALUE;
            case BYTE_ARRAY -> ByteArray.getPrefix(row.getBinary(ordinal)) ^ Long.MIN_VALUE;
            default -> 0L;
        };
    }
}
