package sediment.ingest;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The writing end of a local sorted run: values encoded straight into one buffer, flushed to the file
 * when full. Unlike a DataOutputStream over a BufferedOutputStream it takes no lock and makes no call
 * per value beyond the encoding itself, which mattered at tens of millions of values per ingest. Without
 * a file ({@link #inMemory}) it encodes one row at a time into a buffer that grows to fit, for
 * {@link RowBatch}.
 */
final class RunOutput implements AutoCloseable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private byte[] buffer;
    private int used;
    private long flushed;

    RunOutput(FileChannel channel, int bufferSize) {
        this.channel = channel;
        this.buffer = new byte[bufferSize];
    }

    static RunOutput inMemory() {
        return new RunOutput(null, 256);
    }

    byte[] buffer() {
        return buffer;
    }

    int used() {
        return used;
    }

    /** Forgets what an in-memory output holds. */
    void reset() {
        used = 0;
    }

    /** Copies bytes already encoded (a row of a batch) into the run. */
    void writeRaw(byte[] b, int offset, int length) throws IOException {
        if (length > buffer.length - used && channel == null) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + length));
        } else if (length > buffer.length - used) {
            flush();
            if (length > buffer.length) {
                write(ByteBuffer.wrap(b, offset, length));
                flushed += length;
                return;
            }
        }
        System.arraycopy(b, offset, buffer, used, length);
        used += length;
    }

    /** Bytes written so far, flushed or not: where the next value starts. */
    long position() {
        return flushed + used;
    }

    void writeByte(int b) throws IOException {
        ensure(1);
        buffer[used++] = (byte) b;
    }

    void writeInt(int v) throws IOException {
        ensure(4);
        INTS.set(buffer, used, v);
        used += 4;
    }

    void writeLong(long v) throws IOException {
        ensure(8);
        LONGS.set(buffer, used, v);
        used += 8;
    }

    void writeBytes(byte[] b) throws IOException {
        writeInt(b.length);
        writeRaw(b, 0, b.length);
    }

    private void ensure(int n) throws IOException {
        if (buffer.length - used < n) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (channel == null) {
            // In memory: grow instead (a row larger than the buffer gets a buffer of its own size).
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, used + 8));
            return;
        }
        write(ByteBuffer.wrap(buffer, 0, used));
        flushed += used;
        used = 0;
    }

    private void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
