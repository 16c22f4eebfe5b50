package sediment.ingest;

import sediment.core.row.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows gathered for one sorted run, held encoded ({@link RowCodec}) in chunks of up to 1 MiB rather than as
 * row objects: a row's values then sit in one place, so sorting and spilling touch one cache line or two
 * per row instead of a handful of scattered objects, the collector has a few large arrays to look at
 * instead of millions of small ones, and the batch's size in bytes is what it holds, not an estimate.
 * Each row keeps its leaf and the 64-bit prefix of its first key ({@link BatchSorter#prefix}).
 */
final class RowBatch {
    private static final int MAX_CHUNK = 1 << 20;
    /** What the batch keeps per row slot besides the row's bytes: chunk, offset, length, leaf and prefix. */
    static final long SLOT_BYTES = 4 + 4 + 4 + 4 + 8;
    /** What sorting takes per row while the batch is sorted: positions and prefixes, and their scratch copies. */
    static final long SORT_BYTES = 2 * (4 + 8);

    private final RowCodec codec;
    private final RunOutput scratch = RunOutput.inMemory();
    /** Chunks in use, then chunks kept from before for reuse: a batch refills the memory its last use took. */
    private final List<byte[]> chunks = new ArrayList<>();
    private int chunkCount;
    private int chunkUsed;
    private int[] chunkOf = new int[1024];
    private int[] offsetOf = new int[1024];
    private int[] lengthOf = new int[1024];
    int[] leaves = new int[1024];
    long[] prefixes = new long[1024];
    int size;
    private long dataBytes;

    private final int chunkSize;

    /** A batch that will hold about {@code maxBytes}: its chunks are a small part of that, at most 1 MiB. */
    RowBatch(RowCodec codec, long maxBytes) {
        this.codec = codec;
        this.chunkSize = (int) Math.max(4096, Math.min(MAX_CHUNK, maxBytes / 16));
        this.chunkUsed = chunkSize;
    }

    void add(Row row, int leaf, long prefix) {
        scratch.reset();
        try {
            codec.write(scratch, row);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        int length = scratch.used();
        if (length > chunkSize - chunkUsed) {
            if (chunkCount < chunks.size() && chunks.get(chunkCount).length >= length) {
                chunkCount++;
            } else {
                chunks.add(chunkCount++, new byte[Math.max(chunkSize, length)]);
            }
            chunkUsed = 0;
            dataBytes += chunks.get(chunkCount - 1).length;
        }
        byte[] chunk = chunks.get(chunkCount - 1);
        System.arraycopy(scratch.buffer(), 0, chunk, chunkUsed, length);
        if (size == leaves.length) {
            int grown = size * 2;
            chunkOf = Arrays.copyOf(chunkOf, grown);
            offsetOf = Arrays.copyOf(offsetOf, grown);
            lengthOf = Arrays.copyOf(lengthOf, grown);
            leaves = Arrays.copyOf(leaves, grown);
            prefixes = Arrays.copyOf(prefixes, grown);
        }
        chunkOf[size] = chunkCount - 1;
        offsetOf[size] = chunkUsed;
        lengthOf[size] = length;
        leaves[size] = leaf;
        prefixes[size] = prefix;
        size++;
        chunkUsed += length;
    }

    /** Heap the batch takes: the chunks it has filled, whole, its row slots, and what sorting it will take. */
    long bytes() {
        return dataBytes + SLOT_BYTES * leaves.length + SORT_BYTES * size;
    }

    /** Decodes row {@code i} (in the order rows were added). */
    Row row(int i) {
        try {
            return codec.read(new RunInput(chunks.get(chunkOf[i]), offsetOf[i], lengthOf[i]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies row {@code i}'s encoded bytes to a run. */
    void writeTo(RunOutput out, int i) throws IOException {
        out.writeRaw(chunks.get(chunkOf[i]), offsetOf[i], lengthOf[i]);
    }

    /** Empties the batch and lets its memory go, for when no batch will follow (a round is about to be written). */
    void release() {
        clear();
        chunks.clear();
    }

    void clear() {
        // Oversized chunks (a row larger than a chunk) are not kept.
        chunks.removeIf(c -> c.length > chunkSize);
        chunkCount = 0;
        chunkUsed = chunkSize;
        size = 0;
        dataBytes = 0;
    }
}
