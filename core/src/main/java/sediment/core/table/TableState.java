package sediment.core.table;

import sediment.core.partition.PartitionTree;
import sediment.core.schema.Schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A table as of one version of its transaction log: its schema, partition tree, the files it holds,
 * the ids of the jobs whose output it has committed (so a replayed job is recognised) and the runs
 * gc has revoked (which may no longer commit, so their uncommitted files may be deleted).
 */
public record TableState(String tableName, long version, Schema schema, PartitionTree partitions,
                         Map<String, FileReference> files, Set<String> committedJobIds, Set<String> revokedRunIds) {

    public TableState {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        committedJobIds = Collections.unmodifiableSet(new LinkedHashSet<>(committedJobIds));
        revokedRunIds = Collections.unmodifiableSet(new LinkedHashSet<>(revokedRunIds));
    }

    public long totalRows() {
        return files.values().stream().mapToLong(FileReference::rows).sum();
    }

    /** Mutable while a log is replayed, so that applying n entries costs O(n) rather than O(n²). */
    public static final class Builder {
        final String tableName;
        long version;
        Schema schema;
        PartitionTree partitions;
        final Map<String, FileReference> files = new LinkedHashMap<>();
        final Set<String> committedJobIds = new LinkedHashSet<>();
        final Set<String> revokedRunIds = new LinkedHashSet<>();

        public Builder(String tableName) {
            this.tableName = tableName;
        }

        public Builder(TableState state) {
            this.tableName = state.tableName();
            this.version = state.version();
            this.schema = state.schema();
            this.partitions = state.partitions();
            this.files.putAll(state.files());
            this.committedJobIds.addAll(state.committedJobIds());
            this.revokedRunIds.addAll(state.revokedRunIds());
        }

        /** The schema so far (null before the create-table entry), without copying the state as {@link #build} does. */
        public Schema schema() {
            return schema;
        }

        /** Whether a job id is committed so far, without copying the state as {@link #build} does. */
        public boolean hasCommitted(String jobId) {
            return committedJobIds.contains(jobId);
        }

        public TableState build() {
            return new TableState(tableName, version, schema, partitions, files, committedJobIds, revokedRunIds);
        }
    }

    /** Lets the log apply transactions without making the builder's fields public. */
    public static final class Access {
        private Access() {
        }

        public static void apply(Builder builder, Transaction t, long version) {
            t.apply(builder);
            if (t.jobId() != null) {
                builder.committedJobIds.add(t.jobId());
            }
            builder.version = version;
        }
    }
}
