package sediment.spark.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkVersionTest {

    @Test
    void shouldNameTheSparkVersionAnInternalCallNeeds() {
        assertThat(SparkVersion.unavailable("SQLExecution.withSQLConfPropagated", new NoSuchMethodError("withSQLConfPropagated")))
                .hasMessageStartingWith("SQLExecution.withSQLConfPropagated is not available on Spark " + SparkVersion.running()
                        + ": Sediment uses it as in Spark 3.5.x (NoSuchMethodError: withSQLConfPropagated)");
        assertThat(SparkVersion.running()).startsWith("3.5");
    }

    @Test
    void shouldChooseKeysThatHashPartitioningSendsToEachPartition() {
        for (int n = 1; n <= 7; n++) {
            for (int i = 0; i < n; i++) {
                int key = HashPartitioning.keyFor(i, n);
                assertThat(Math.floorMod(org.apache.spark.unsafe.hash.Murmur3_x86_32.hashInt(key, 42), n)).isEqualTo(i);
            }
        }
    }
}
