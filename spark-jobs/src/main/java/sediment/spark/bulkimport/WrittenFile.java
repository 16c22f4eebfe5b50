package sediment.spark.bulkimport;

import java.io.Serializable;
import java.util.List;

/**
 * What one winning task wrote: one sorted file for one leaf. Returned to the driver through
 * {@link sediment.spark.JavaBytes}, since Kryo cannot serialize records.
 */
public record WrittenFile(int leafIndex, String path, long rows, List<Object> minRowKey, List<Object> maxRowKey)
        implements Serializable {
}
