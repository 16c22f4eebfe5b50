package sediment.spark.internal;

import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import sediment.spark.JavaBytes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Spark job per partition of an RDD whose partitions each compute one value, so that partitions
 * can be started in an order of our choosing and a bounded number at a time (Spark's own actions
 * start all partitions at once, in number order). Scala's futures and function classes stay here.
 */
public final class PartitionJobs {
    private PartitionJobs() {
    }

    /**
     * Runs the partitions in {@code order}, at most {@code concurrency} at a time, and returns each
     * partition's value by partition number. After a failure no more partitions start; the first
     * failure (in {@code order}) is thrown once the started jobs are done.
     */
    public static <T extends Serializable> List<T> run(SparkContext sc, RDD<T> rdd, List<Integer> order, int concurrency,
                                                       Class<T> type) {
        Object[] results = new Object[rdd.getNumPartitions()];
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        AtomicBoolean failed = new AtomicBoolean();
        List<SimpleFutureAction<Object>> jobs = new ArrayList<>();
        try {
            for (int partition : order) {
                slots.acquireUninterruptibly();
                if (failed.get()) {
                    break; // no point starting more: the whole fails anyway
                }
                SimpleFutureAction<Object> job = sc.submitJob(rdd, new FirstValue<T>(), Scala.seq(List.<Object>of(partition)),
                        new Store<>(results, partition, type), new NoResult());
                job.onComplete(new Release(slots, failed), scala.concurrent.ExecutionContext.global());
                jobs.add(job);
            }
            for (SimpleFutureAction<Object> job : jobs) {
                scala.concurrent.Await.ready(job, scala.concurrent.duration.Duration.Inf());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (LinkageError e) {
            throw SparkVersion.unavailable("SparkContext.submitJob", e);
        }
        for (SimpleFutureAction<Object> job : jobs) {
            scala.util.Try<Object> outcome = job.value().get();
            if (outcome.isFailure()) {
                Throwable t = outcome.failed().get();
                throw t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
            }
        }
        List<T> values = new ArrayList<>(results.length);
        for (Object r : results) {
            values.add(type.cast(r));
        }
        return Collections.unmodifiableList(values);
    }

    /** Runs on the executor; returns bytes because Kryo cannot serialize every value (records, for one). */
    private static final class FirstValue<T extends Serializable> extends AbstractFunction1<scala.collection.Iterator<T>, byte[]>
            implements Serializable {
        @Override
        public byte[] apply(scala.collection.Iterator<T> it) {
            return JavaBytes.encode(it.next());
        }
    }

    private static final class Store<T> extends AbstractFunction2<Object, byte[], BoxedUnit> {
        private final Object[] results;
        private final int partition;
        private final Class<T> type;

        Store(Object[] results, int partition, Class<T> type) {
            this.results = results;
            this.partition = partition;
            this.type = type;
        }

        @Override
        public BoxedUnit apply(Object index, byte[] bytes) {
            results[partition] = JavaBytes.decode(bytes, type);
            return BoxedUnit.UNIT;
        }
    }

    private static final class NoResult extends AbstractFunction0<Object> {
        @Override
        public Object apply() {
            return null;
        }
    }

    private static final class Release extends AbstractFunction1<scala.util.Try<Object>, Object> {
        private final Semaphore slots;
        private final AtomicBoolean failed;

        Release(Semaphore slots, AtomicBoolean failed) {
            this.slots = slots;
            this.failed = failed;
        }

        @Override
        public Object apply(scala.util.Try<Object> outcome) {
            if (outcome.isFailure()) {
                failed.set(true);
            }
            slots.release();
            return null;
        }
    }
}
