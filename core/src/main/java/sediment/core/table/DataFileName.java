package sediment.core.table;

import sediment.core.run.RunId;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a data file a job writes: {@code <jobId>.<runId>.<leafIndex>.<attempt>.parquet}. The
 * run id makes every run's files distinct from every other run's, whatever the job ids (one may be a
 * prefix of another) and however often a job is rerun; the task attempt keeps retried and speculative
 * attempts of one task apart. Files are recognised by parsing the whole name, never by a prefix.
 */
public record DataFileName(String jobId, String runId, int leafIndex, long attempt) {
    private static final Pattern FORM = Pattern.compile("(.+)\\.([0-9a-f]{20})\\.([0-9]{1,9})\\.([0-9]{1,19})\\.parquet");

    public DataFileName {
        if (!RunId.isRunId(runId)) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
    }

    public String fileName() {
        return jobId + "." + runId + "." + leafIndex + "." + attempt + ".parquet";
    }

    /** The parts of a name this class made, or empty for any other name (older files, files put there by hand). */
    public static Optional<DataFileName> parse(String fileName) {
        Matcher m = FORM.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DataFileName(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Long.parseLong(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The name of the directory a run writes its data files to, below the table's data directory. */
    public static String directoryName(String jobId, String runId) {
        if (!RunId.isRunId(runId)) {
            throw new IllegalArgumentException("not a run id: " + runId);
        }
        return jobId + "." + runId;
    }

    /** The run whose directory has this name ({@link #directoryName}), or empty for any other directory. */
    public static Optional<String> runOfDirectory(String directoryName) {
        int dot = directoryName.lastIndexOf('.');
        if (dot <= 0 || !RunId.isRunId(directoryName.substring(dot + 1))) {
            return Optional.empty();
        }
        return Optional.of(directoryName.substring(dot + 1));
    }

    /** The run that wrote the file with this name, if the name is one of ours. */
    public static Optional<String> runOf(String fileName) {
        return parse(fileName).map(DataFileName::runId);
    }
}
