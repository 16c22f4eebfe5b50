package sediment.spark.merge;

import java.util.List;
import java.util.Locale;

/**
 * What a merge did.
 *
 * @param destinations the historical files written, in writable partition order
 * @param replaced     writable partitions whose earlier data this merge replaced (force)
 * @param validation   null when validate=false
 * @param recovered    what the merge cleaned up or finished from earlier merges that crashed
 */
public record MergeResult(String namespace, String table, String partitionValue, String jobId, String source, long rows,
                          List<Destination> destinations, List<Integer> replaced, Validation validation, boolean intradayDeleted,
                          boolean lowHeapUsage, String codec, double seconds, List<String> recovered) {

    public record Destination(int writablePartition, String file, long rows, int groups, long bytes) {
    }

    /**
     * @param sourceRows       rows in the source (from file footers where there are files)
     * @param sourceChecksum   order-independent checksum of the source rows, over all merged columns
     */
    public record Validation(long sourceRows, String sourceChecksum, long historicalRows, String historicalChecksum) {
        public boolean passed() {
            return sourceRows == historicalRows && sourceChecksum.equals(historicalChecksum);
        }
    }

    /** A few lines for people: what went where, how fast, and whether it validated. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Merged %s.%s partition %s: %,d rows from %s into %d file%s in %.1f s (%,.0f rows/s, %s, %s)%n",
                namespace, table, partitionValue, rows, source, destinations.size(), destinations.size() == 1 ? "" : "s", seconds,
                seconds > 0 ? rows / seconds : 0, codec, lowHeapUsage ? "low heap usage" : "maximum throughput"));
        for (Destination d : destinations) {
            sb.append(String.format(Locale.ROOT, "  %s  %,d rows, %,d groups, %,d bytes%n", d.file(), d.rows(), d.groups(), d.bytes()));
        }
        if (!replaced.isEmpty()) {
            sb.append("  replaced earlier data in writable partition(s) ").append(replaced).append('\n');
        }
        for (String r : recovered) {
            sb.append("  recovered: ").append(r).append('\n');
        }
        if (validation != null) {
            sb.append(String.format(Locale.ROOT, "Validation passed: %,d rows, checksum %s%s%n", validation.historicalRows(),
                    validation.historicalChecksum(), intradayDeleted ? "; intraday data deleted" : ""));
        }
        return sb.toString();
    }
}
