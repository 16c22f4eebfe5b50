package sediment.spark.internal;

import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark's row bytes ({@link UnsafeRow}) copied into Sediment's own buffers and read there again,
 * without per-row objects: byte-array batches in which each row is its size (4 bytes) then its
 * bytes, as the bulk import's shuffle sends them, and native memory, as the merge buffers a
 * destination. UnsafeRow's layout and {@link Platform} are Spark internals; they are touched only here.
 */
public final class RowBytes {
    private RowBytes() {
    }

    private static final int SIZE_BYTES = 4;

    /** How many bytes {@code row} takes in a batch. */
    public static int entrySize(UnsafeRow row) {
        return SIZE_BYTES + row.getSizeInBytes();
    }

    /** How many bytes the batch entry at {@code at} takes. */
    public static int entrySizeAt(byte[] batch, int at) {
        return SIZE_BYTES + Platform.getInt(batch, Platform.BYTE_ARRAY_OFFSET + at);
    }

    /** Writes {@code row} at {@code at}; returns the position after it. */
    public static int write(UnsafeRow row, byte[] batch, int at) {
        int size = row.getSizeInBytes();
        Platform.putInt(batch, Platform.BYTE_ARRAY_OFFSET + at, size);
        row.writeToMemory(batch, Platform.BYTE_ARRAY_OFFSET + at + SIZE_BYTES);
        return at + SIZE_BYTES + size;
    }

    /** Points {@code row} at the batch entry at {@code at}; returns the position after it. */
    public static int pointTo(UnsafeRow row, byte[] batch, int at) {
        int size = Platform.getInt(batch, Platform.BYTE_ARRAY_OFFSET + at);
        row.pointTo(batch, Platform.BYTE_ARRAY_OFFSET + at + SIZE_BYTES, size);
        return at + SIZE_BYTES + size;
    }

    /** A one-column row holding {@code value} (null for SQL null), owning its bytes. */
    public static UnsafeRow stringRow(UTF8String value) {
        UnsafeRowWriter w = new UnsafeRowWriter(1);
        w.resetRowWriter();
        if (value == null) {
            w.setNullAt(0);
        } else {
            w.write(0, value);
        }
        return w.getRow().copy();
    }

    /** Native memory, outside the Java heap; {@link #free} it. */
    public static long allocate(long bytes) {
        return Platform.allocateMemory(bytes);
    }

    public static void free(long address) {
        Platform.freeMemory(address);
    }

    /** Copies {@code row}'s bytes to native memory at {@code address}. */
    public static void copy(UnsafeRow row, long address) {
        Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), null, address, row.getSizeInBytes());
    }

    /** Points {@code row} at {@code size} bytes of native memory. */
    public static void pointTo(UnsafeRow row, long address, int size) {
        row.pointTo(null, address, size);
    }
}
