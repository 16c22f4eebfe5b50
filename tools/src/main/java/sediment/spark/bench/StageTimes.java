package sediment.spark.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the Spark stages a route runs, so the benchmark can say where its time went: each stage's
 * wall time and the CPU time of its tasks. Listener events arrive asynchronously, so {@link #stop}
 * waits briefly for the jobs it saw start to be reported finished.
 */
final class StageTimes extends SparkListener {
    record Stage(String name, double seconds, double taskCpuSeconds, long shuffleWriteBytes) {
    }

    private final SparkSession spark;
    private final List<Stage> stages = new ArrayList<>();
    private final AtomicInteger jobsRunning = new AtomicInteger();

    private StageTimes(SparkSession spark) {
        this.spark = spark;
    }

    static StageTimes start(SparkSession spark) {
        StageTimes times = new StageTimes(spark);
        spark.sparkContext().addSparkListener(times);
        return times;
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        jobsRunning.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd event) {
        jobsRunning.decrementAndGet();
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo info = event.stageInfo();
        if (info.submissionTime().isEmpty() || info.completionTime().isEmpty()) {
            return;
        }
        long millis = (Long) info.completionTime().get() - (Long) info.submissionTime().get();
        stages.add(new Stage(info.name(), millis / 1000.0, info.taskMetrics().executorCpuTime() / 1e9,
                info.taskMetrics().shuffleWriteMetrics().bytesWritten()));
    }

    synchronized List<Stage> stop() throws InterruptedException {
        for (int i = 0; i < 50 && jobsRunning.get() > 0; i++) {
            wait(40);
        }
        spark.sparkContext().removeSparkListener(this);
        return List.copyOf(stages);
    }

    static String describe(List<Stage> stages) {
        List<String> parts = new ArrayList<>();
        for (Stage s : stages) {
            parts.add(String.format(Locale.ROOT, "%s %.2f s (task CPU %.1f s%s)", s.name().replaceAll(" at .*", ""),
                    s.seconds(), s.taskCpuSeconds(),
                    s.shuffleWriteBytes() > 0 ? String.format(Locale.ROOT, ", shuffle %d MiB", s.shuffleWriteBytes() >> 20) : ""));
        }
        return String.join("; ", parts);
    }
}
