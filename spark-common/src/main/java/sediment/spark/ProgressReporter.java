package sediment.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import sediment.spark.internal.Scala;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints a line every few seconds while a local job runs: tasks done of the current stage, rows read by
 * the current Spark job and rows written so far, so a user watching a long import sees it move. Rows read
 * start again with each Spark job: a job that reads its input twice (the pre-split's sample of the row
 * keys, then the write) would otherwise show twice its rows read. The Spark UI shows the detail.
 */
public final class ProgressReporter extends SparkListener implements AutoCloseable {
    /** The name of the accumulator in which jobs count the rows they have written to data files. */
    public static final String ROWS_WRITTEN = "sediment.rows.written";

    private final PrintWriter out;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicInteger tasksDone = new AtomicInteger();
    private final AtomicInteger stageTasks = new AtomicInteger();
    private final AtomicInteger stageId = new AtomicInteger(-1);
    private final Thread printer;
    private volatile boolean running = true;

    private ProgressReporter(PrintWriter out) {
        this.out = out;
        this.printer = new Thread(this::printLoop, "sediment-progress");
        this.printer.setDaemon(true);
    }

    /** Starts reporting on a session; prints where the Spark UI is, if it is enabled. */
    public static ProgressReporter start(SparkSession spark, PrintWriter out) {
        ProgressReporter reporter = new ProgressReporter(out);
        spark.sparkContext().addSparkListener(reporter);
        scala.Option<String> ui = spark.sparkContext().uiWebUrl();
        if (ui.isDefined()) {
            out.println("Spark UI: " + ui.get() + " (open it while the job runs)");
        }
        reporter.printer.start();
        return reporter;
    }

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        rowsRead.set(0);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        stageId.set(event.stageInfo().stageId());
        stageTasks.set(event.stageInfo().numTasks());
        tasksDone.set(0);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.stageId() == stageId.get() && event.taskInfo().successful()) {
            tasksDone.incrementAndGet();
        }
        if (event.taskMetrics() != null && event.taskInfo().successful()) {
            rowsRead.addAndGet(event.taskMetrics().inputMetrics().recordsRead());
        }
        if (event.taskInfo().successful()) {
            for (org.apache.spark.scheduler.AccumulableInfo info : Scala.list(event.taskInfo().accumulables())) {
                if (info.name().isDefined() && ROWS_WRITTEN.equals(info.name().get()) && info.update().isDefined()
                        && info.update().get() instanceof Long rows) {
                    rowsWritten.addAndGet(rows);
                }
            }
        }
    }

    private void printLoop() {
        String last = "";
        while (running) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
            if (stageId.get() < 0) {
                continue;
            }
            String line = String.format(Locale.ROOT, "progress: stage %d: %d/%d tasks done; %,d rows read, %,d rows written",
                    stageId.get(), tasksDone.get(), stageTasks.get(), rowsRead.get(), rowsWritten.get());
            if (!line.equals(last) && running) {
                out.println(line);
                last = line;
            }
        }
    }

    /** Rows read from input files by the finished tasks of the current (or last) Spark job. */
    public long rowsRead() {
        return rowsRead.get();
    }

    /** Rows written to data files by tasks that have finished so far. */
    public long rowsWritten() {
        return rowsWritten.get();
    }

    @Override
    public void close() {
        running = false;
        printer.interrupt();
    }
}
