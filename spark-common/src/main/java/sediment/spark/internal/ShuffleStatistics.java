package sediment.spark.internal;

import org.apache.spark.Dependency;
import org.apache.spark.MapOutputTrackerMaster;
import org.apache.spark.ShuffleDependency;
import org.apache.spark.SparkEnv;
import org.apache.spark.rdd.RDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * How many bytes the shuffle feeding an RDD wrote for each of its partitions, as the driver's map
 * output tracker knows once the shuffle has run. Only an optimisation depends on it, so when Spark
 * does not tell (no shuffle, another tracker, or the internal API changed) the answer is empty.
 */
public final class ShuffleStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(ShuffleStatistics.class);

    private ShuffleStatistics() {
    }

    public static Optional<long[]> bytesByPartition(RDD<?> rdd, int partitions) {
        return bytesByPartition(() -> lookUp(rdd), partitions);
    }

    /** The fallback around a look-up; separate so that it can be tested with a look-up that fails as an upgrade would. */
    static Optional<long[]> bytesByPartition(Supplier<long[]> lookUp, int partitions) {
        try {
            long[] bytes = lookUp.get();
            return bytes != null && bytes.length == partitions ? Optional.of(bytes) : Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: after a Spark upgrade a changed method is a NoSuchMethodError, and
            // a missing optimisation must not fail the merge.
            LOG.debug("No shuffle statistics on Spark {}", SparkVersion.running(), e);
            return Optional.empty();
        }
    }

    private static long[] lookUp(RDD<?> rdd) {
        ShuffleDependency<?, ?, ?> dep = shuffleOf(rdd);
        if (dep != null && SparkEnv.get().mapOutputTracker() instanceof MapOutputTrackerMaster tracker
                && tracker.containsShuffle(dep.shuffleId())) {
            return tracker.getStatistics(dep).bytesByPartitionId();
        }
        return null;
    }

    private static ShuffleDependency<?, ?, ?> shuffleOf(RDD<?> rdd) {
        for (Dependency<?> dep : Scala.list(rdd.dependencies())) {
            if (dep instanceof ShuffleDependency<?, ?, ?> s) {
                return s;
            }
            ShuffleDependency<?, ?, ?> deeper = shuffleOf(dep.rdd());
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }
}
