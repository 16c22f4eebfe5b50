package sediment.ingest;

/** Hears how an ingest advances, e.g. to print progress; every method is called on the ingesting thread. */
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
