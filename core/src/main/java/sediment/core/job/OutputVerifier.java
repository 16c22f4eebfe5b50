package sediment.core.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import sediment.core.error.SedimentException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The last check before a job commits: every file it is about to reference exists, with the size and
 * row count its task reported, and together they hold exactly the rows the job read. A file lost to a
 * concurrent delete, truncated by a full disk or overwritten would otherwise become a committed
 * reference to missing or wrong data.
 */
public final class OutputVerifier {
    private static final int THREADS = 8;

    private OutputVerifier() {
    }

    /** A file as its writer reported it. */
    public record Output(String path, long rows, long bytes) {
    }

    /** Throws a {@link SedimentException} naming what is wrong (up to three files) when any check fails. */
    public static void verify(String job, List<Output> outputs, long expectedRows, Configuration conf) {
        long written = outputs.stream().mapToLong(Output::rows).sum();
        List<String> problems = new ArrayList<>();
        if (written != expectedRows) {
            problems.add("its tasks wrote " + written + " rows but the input holds " + expectedRows);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, outputs.size())), r -> {
            Thread t = new Thread(r, "sediment-output-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<String>>> checks = new ArrayList<>();
            for (Output o : outputs) {
                checks.add(pool.submit(() -> check(o, conf)));
            }
            int bad = 0;
            for (Future<Optional<String>> f : checks) {
                Optional<String> problem = f.get();
                if (problem.isPresent() && bad++ < 3) {
                    problems.add(problem.get());
                }
            }
            if (bad > 3) {
                problems.add("and " + (bad - 3) + " more files");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SedimentException(job + " was interrupted while checking its files; nothing was committed");
        } catch (java.util.concurrent.ExecutionException e) {
            problems.add("cannot check its files: " + e.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
        if (!problems.isEmpty()) {
            throw new SedimentException(job + " committed nothing: " + String.join("; ", problems));
        }
    }

    private static Optional<String> check(Output o, Configuration conf) {
        Path path = new Path(o.path());
        try {
            FileStatus status;
            try {
                status = path.getFileSystem(conf).getFileStatus(path);
            } catch (FileNotFoundException e) {
                return Optional.of(o.path() + " is missing");
            }
            if (status.getLen() != o.bytes()) {
                return Optional.of(o.path() + " has " + status.getLen() + " bytes, but its task wrote " + o.bytes());
            }
            try (ParquetFileReader reader = ParquetFileReader.open(sediment.core.parquet.StatusInputFile.of(status, conf))) {
                if (reader.getRecordCount() != o.rows()) {
                    return Optional.of(o.path() + " holds " + reader.getRecordCount() + " rows, but its task wrote " + o.rows());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            return Optional.of(o.path() + " cannot be read (" + reason + ")");
        }
    }
}
