package sediment.spark.internal;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.junit.jupiter.api.Test;
import sediment.spark.TestSpark;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics only order work: when Spark's internal API is missing or changed, there are none, and nothing fails. */
class ShuffleStatisticsTest {

    @Test
    void shouldFallBackWhenTheInternalMethodIsGoneAfterAnUpgrade() {
        assertThat(ShuffleStatistics.bytesByPartition(() -> {
            throw new NoSuchMethodError("org.apache.spark.MapOutputTrackerMaster.getStatistics");
        }, 3)).isEmpty();
    }

    @Test
    void shouldFallBackWhenTheLookUpFails() {
        assertThat(ShuffleStatistics.bytesByPartition(() -> {
            throw new IllegalStateException("no tracker");
        }, 3)).isEmpty();
    }

    @Test
    void shouldIgnoreStatisticsForAnotherNumberOfPartitions() {
        assertThat(ShuffleStatistics.bytesByPartition(() -> new long[]{1, 2}, 3)).isEmpty();
        assertThat(ShuffleStatistics.bytesByPartition(() -> new long[]{1, 2, 3}, 3)).hasValueSatisfying(
                bytes -> assertThat(bytes).containsExactly(1, 2, 3));
    }

    @Test
    void shouldGiveNoneForAnRddWithoutAShuffle() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        RDD<Integer> rdd = sc.parallelize(List.of(1, 2, 3), 3).rdd();

        assertThat(ShuffleStatistics.bytesByPartition(rdd, 3)).isEmpty();
    }

    @Test
    void shouldGiveTheBytesOfAShuffleThatRan() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        org.apache.spark.api.java.JavaPairRDD<Integer, String> shuffled = sc.parallelize(List.of(0, 1, 1, 1), 2)
                .mapToPair(i -> new scala.Tuple2<>(i, "x".repeat(1000 * (i + 1))))
                .partitionBy(new org.apache.spark.HashPartitioner(2));
        shuffled.count();

        assertThat(ShuffleStatistics.bytesByPartition(shuffled.rdd(), 2))
                .hasValueSatisfying(bytes -> assertThat(bytes[1]).isGreaterThan(bytes[0]));
    }
}
