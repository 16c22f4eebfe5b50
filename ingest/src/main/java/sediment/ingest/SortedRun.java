package sediment.ingest;

import sediment.core.row.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One spilled batch on local disk: its rows sorted by leaf and key, each leaf's rows one contiguous
 * segment whose offset and count are kept in memory, so merging a leaf reads only that leaf's segment
 * of each run, through a small buffer.
 */
final class SortedRun {
    /** The buffer of each run segment open while a leaf is merged: the merge's memory is this per run. */
    static final int BUFFER = 64 << 10;

    private final Path file;
    private final long[] offsets;
    private final int[] counts;

    private SortedRun(Path file, long[] offsets, int[] counts) {
        this.file = file;
        this.offsets = offsets;
        this.counts = counts;
    }

    /** Writes a batch's rows to {@code file} in the order of {@code order} (its positions sorted by leaf, then key). */
    static SortedRun write(Path file, RowBatch batch, int[] order, int leafCount) throws IOException {
        int[] leaves = batch.leaves;
        long[] offsets = new long[leafCount];
        int[] counts = new int[leafCount];
        try (RunOutput out = new RunOutput(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                BUFFER)) {
            int previous = -1;
            for (int i : order) {
                int leaf = leaves[i];
                if (leaf != previous) {
                    offsets[leaf] = out.position();
                    previous = leaf;
                }
                batch.writeTo(out, i);
                counts[leaf]++;
            }
        }
        return new SortedRun(file, offsets, counts);
    }

    int count(int leaf) {
        return counts[leaf];
    }

    /** The rows of one leaf, in order, read lazily; the file closes itself after the last row. */
    Iterator<Row> leaf(int leaf, RowCodec codec) {
        int n = counts[leaf];
        RunInput in;
        try {
            in = new RunInput(FileChannel.open(file, StandardOpenOption.READ), offsets[leaf], BUFFER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            private int read;

            @Override
            public boolean hasNext() {
                return read < n;
            }

            @Override
            public Row next() {
                if (read >= n) {
                    throw new NoSuchElementException();
                }
                try {
                    Row row = codec.read(in);
                    if (++read == n) {
                        in.close();
                    }
                    return row;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The ingest's local directory is deleted at the end anyway.
        }
    }
}
