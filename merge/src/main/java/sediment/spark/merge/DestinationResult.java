package sediment.spark.merge;

import java.io.Serializable;

/**
 * What one destination task wrote.
 *
 * @param file      the task's output file in the destination's temporary directory, or null if it got no rows
 * @param hashHigh  sum over the rows received of the upper 32 bits of their checksum hash
 * @param hashLow   likewise of the lower 32 bits; two sums cannot overflow below 2^31 rows
 */
record DestinationResult(int writablePartition, String file, long rows, int groups, long hashHigh, long hashLow, long bytes)
        implements Serializable {
}
