package sediment.ingest;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyDefinition;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;

import java.nio.file.Path;
import java.util.Map;

/**
 * The bounds of one ingest: rows and bytes held in memory before a sorted run is spilled, rows kept
 * in local runs before a round of files is written to the table, and where runs are spilled.
 */
public record IngestSettings(long maxBatchRows, long maxBatchBytes, long maxLocalRecords, Path localDir) {
    public IngestSettings {
        if (maxBatchRows < 1 || maxBatchBytes < 1 || maxLocalRecords < 1) {
            throw new InvalidInputException("Ingest bounds must be positive: " + SedimentProperties.INGEST_MAX_BATCH_ROWS.name()
                    + "=" + maxBatchRows + ", " + SedimentProperties.INGEST_MAX_BATCH_BYTES.name() + "=" + maxBatchBytes + ", "
                    + SedimentProperties.INGEST_MAX_LOCAL_RECORDS.name() + "=" + maxLocalRecords);
        }
    }

    /** The instance's settings, each overridable by a job's platformSpec. */
    public static IngestSettings from(PropertyLayers instance, Map<String, String> job) {
        String dir = value(instance, job, SedimentProperties.INGEST_LOCAL_DIR);
        return new IngestSettings(number(instance, job, SedimentProperties.INGEST_MAX_BATCH_ROWS),
                number(instance, job, SedimentProperties.INGEST_MAX_BATCH_BYTES),
                number(instance, job, SedimentProperties.INGEST_MAX_LOCAL_RECORDS),
                Path.of(dir != null ? dir : System.getProperty("java.io.tmpdir")));
    }

    private static String value(PropertyLayers instance, Map<String, String> job, PropertyDefinition p) {
        return job.containsKey(p.name()) ? job.get(p.name()) : instance.find(p).orElse(null);
    }

    private static long number(PropertyLayers instance, Map<String, String> job, PropertyDefinition p) {
        String v = value(instance, job, p);
        try {
            return Long.parseLong(v.trim());
        } catch (RuntimeException e) {
            throw new InvalidInputException("Property " + p.name() + " must be a whole number, not '" + v + "'");
        }
    }
}
