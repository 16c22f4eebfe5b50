package sediment.ingest;

/**
 * Hears how an ingest advances, e.g. to print progress. Calls come one at a time, but not always on the
 * ingesting thread: runs are spilled and rounds written on the ingest's own threads.
 */
public interface IngestProgress {
    IngestProgress NONE = new IngestProgress() {
    };

    default void runSpilled(long rowsRead, int runs) {
    }

    default void leafWritten(int files) {
    }

    default void fileRead(String file, long rowsRead) {
    }
}
