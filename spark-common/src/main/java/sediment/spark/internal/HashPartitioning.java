package sediment.spark.internal;

import org.apache.spark.sql.Column;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

/**
 * Spark's hash partitioning ({@code repartition(n, key)}) sends a row to
 * {@code pmod(murmur3(key, 42), n)}. Keying each row by a number chosen so that this equals the
 * partition it should go to makes Spark partition i hold exactly those rows, with Spark's fast row
 * shuffle and no custom partitioner.
 */
public final class HashPartitioning {
    private HashPartitioning() {
    }

    /** Spark's seed for hash partitioning. */
    private static final int SEED = 42;

    /** A key for {@code repartition(n, key)} that sends a row to partition {@code partition} (0 to n-1). */
    public static Column exactKey(Column partition, int n) {
        Column[] keys = new Column[n];
        for (int i = 0; i < n; i++) {
            keys[i] = lit(keyFor(i, n));
        }
        return element_at(array(keys), partition.plus(1));
    }

    /** The smallest int that Spark's hash partitioning sends to partition i of n. */
    static int keyFor(int i, int n) {
        try {
            int candidate = 0;
            while (Math.floorMod(Murmur3_x86_32.hashInt(candidate, SEED), n) != i) {
                candidate++;
            }
            return candidate;
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("Murmur3_x86_32.hashInt", e);
        }
    }
}
