package sediment.submit;

import sediment.core.error.InvalidInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a job spec asks Spark to do, and the main class in the spark-jobs jar that does it. */
public enum JobKind {
    BULK_IMPORT("bulk-import", "sediment.spark.bulkimport.BulkImportMain"),
    MERGE("merge", "sediment.spark.merge.MergeMain");

    private final String cliName;
    private final String mainClass;

    JobKind(String cliName, String mainClass) {
        this.cliName = cliName;
        this.mainClass = mainClass;
    }

    public String cliName() {
        return cliName;
    }

    public String mainClass() {
        return mainClass;
    }

    public static JobKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown job kind '" + name + "': use one of "
                        + Arrays.stream(values()).map(JobKind::cliName).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
