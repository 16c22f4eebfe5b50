package sediment.spark.merge;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;

import java.io.IOException;
import java.util.Iterator;

/**
 * Low heap usage: Spark has already sorted the task's rows by group rank, sort value and arrival
 * with its spilling external sorter, so the task only streams them into the file, starting a new
 * group where the rank changes. Memory stays bounded by Spark's execution memory and one Parquet
 * row group.
 */
final class SortedInput extends DestinationTask {
    private static final long serialVersionUID = 1L;

    SortedInput(WriteSpec spec) {
        super(spec);
    }

    @Override
    DestinationResult write(int writablePartition, Iterator<InternalRow> rows) throws IOException {
        UnsafeProjection data = dataProjection();
        UnsafeProjection key = spec.grouped() ? keyProjection() : null;
        MergedFileWriter writer = null;
        long count = 0;
        long hashHigh = 0;
        long hashLow = 0;
        int lastRank = -1;
        try {
            while (rows.hasNext()) {
                InternalRow row = rows.next();
                checkRouted(row, writablePartition);
                if (spec.hashOrdinal() >= 0) {
                    long h = row.getLong(spec.hashOrdinal());
                    hashHigh += h >>> 32;
                    hashLow += h & 0xffffffffL;
                }
                if (writer == null) {
                    writer = open(writablePartition);
                }
                if (key != null) {
                    int rank = row.getInt(spec.rankOrdinal());
                    if (rank != lastRank) {
                        writer.startGroup(key.apply(row));
                        lastRank = rank;
                    }
                }
                writer.write(data.apply(row));
                count++;
            }
        } catch (RuntimeException | IOException e) {
            if (writer != null) {
                writer.close();
            }
            throw e;
        }
        return result(writablePartition, writer, count, hashHigh, hashLow);
    }
}
