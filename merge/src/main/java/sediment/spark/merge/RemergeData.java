package sediment.spark.merge;

/**
 * Re-merges the historical data of one table's column partition into another table (or the same
 * one, with force): the seed's RemergeData. The source is read in writable partition order, then
 * row order, and merged with the target's definition: its writable partitions, key formula,
 * grouping and codec.
 * <pre>
 * RemergeData.builder(db, "Market", "Trades", "Archive", "Trades").partitionColumnValue("2024-01-02").build().run();
 * </pre>
 */
public final class RemergeData {
    private RemergeData() {
    }

    public static MergeData.Builder builder(String db, String sourceNamespace, String sourceTable, String namespace, String table) {
        return MergeData.builder(db, namespace, table).historicalSource(sourceNamespace, sourceTable);
    }
}
