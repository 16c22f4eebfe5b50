package sediment.core.table;

import java.util.List;

/**
 * Marks runs as never allowed to commit, so that gc may delete the files they wrote. gc writes one
 * before it deletes files of a run whose heartbeat stopped. The log orders it against the runs'
 * own commits: a run that committed first has its files referenced, and gc keeps them; a run that
 * tries to commit afterwards is refused ({@link AddFiles#validate}) and commits nothing.
 */
public record RevokeRuns(List<String> runIds, String reason) implements Transaction {
    public RevokeRuns {
        runIds = List.copyOf(runIds);
    }

    @Override
    public void validate(TableState state) {
        // Revoking twice is harmless; nothing can make a revocation invalid.
    }

    @Override
    public void apply(TableState.Builder state) {
        state.revokedRunIds.addAll(runIds);
    }
}
