package sediment.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The reading end of a local sorted run ({@link RunOutput}): one segment of the file through one small
 * buffer; or one row of a {@link RowBatch}, read in place.
 */
final class RunInput implements AutoCloseable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private final byte[] buffer;
    private long filePosition;
    private int position;
    private int limit;

    RunInput(FileChannel channel, long start, int bufferSize) {
        this.channel = channel;
        this.buffer = new byte[bufferSize];
        this.filePosition = start;
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}, without a file. */
    RunInput(byte[] data, int offset, int length) {
        this.channel = null;
        this.buffer = data;
        this.position = offset;
        this.limit = offset + length;
    }

    int readByte() throws IOException {
        require(1);
        return buffer[position++];
    }

    int readInt() throws IOException {
        require(4);
        int v = (int) INTS.get(buffer, position);
        position += 4;
        return v;
    }

    long readLong() throws IOException {
        require(8);
        long v = (long) LONGS.get(buffer, position);
        position += 8;
        return v;
    }

    byte[] readBytes() throws IOException {
        byte[] b = new byte[readInt()];
        int copied = Math.min(b.length, limit - position);
        System.arraycopy(buffer, position, b, 0, copied);
        position += copied;
        if (copied < b.length && channel == null) {
            throw new EOFException("a row of a batch ended inside a value");
        }
        if (copied < b.length) {
            // Longer than what is buffered: read the rest straight into the value.
            ByteBuffer rest = ByteBuffer.wrap(b, copied, b.length - copied);
            while (rest.hasRemaining()) {
                int n = channel.read(rest, filePosition);
                if (n < 0) {
                    throw new EOFException("a local sorted run ended inside a value");
                }
                filePosition += n;
            }
        }
        return b;
    }

    private void require(int n) throws IOException {
        if (limit - position >= n) {
            return;
        }
        if (channel == null) {
            throw new EOFException("a row of a batch ended inside a value");
        }
        int left = limit - position;
        System.arraycopy(buffer, position, buffer, 0, left);
        position = 0;
        limit = left;
        ByteBuffer into = ByteBuffer.wrap(buffer, limit, buffer.length - limit);
        while (limit < n) {
            int read = channel.read(into, filePosition);
            if (read < 0) {
                throw new EOFException("a local sorted run ended inside a row");
            }
            filePosition += read;
            limit += read;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
