package sediment.spark.bulkimport;

import java.io.Serializable;
import java.util.List;

/**
 * What one winning task wrote: one sorted file for one leaf, with its row count and size in bytes,
 * which the driver checks against the file before committing it. Returned to the driver through
 * {@link sediment.spark.JavaBytes}, since Kryo cannot serialize records.
 *
 * @param retried whether the attempt that wrote it was not its task's first (a task or stage retry), so
 *                that earlier attempts may have left files of this run in its leaves' directories
 */
public record WrittenFile(int leafIndex, String path, long rows, long bytes, List<Object> minRowKey, List<Object> maxRowKey,
                          boolean retried) implements Serializable {
}
