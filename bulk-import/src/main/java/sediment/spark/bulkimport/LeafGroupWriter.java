package sediment.spark.bulkimport;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The write task: one file per leaf of its group that received rows, written one after another. */
final class LeafGroupWriter implements Function2<Integer, Iterator<InternalRow>, Iterator<WrittenFile>>, Serializable {
    private static final long serialVersionUID = 1L;

    private final LeafFileWriter writer;
    private final LeafGroups groups;
    private final LeafLocator locator;

    LeafGroupWriter(LeafFileWriter writer, LeafGroups groups, LeafLocator locator) {
        this.writer = writer;
        this.groups = groups;
        this.locator = locator;
    }

    @Override
    public Iterator<WrittenFile> call(Integer group, Iterator<InternalRow> rows) throws IOException {
        LeafRuns runs = new LeafRuns(rows, locator, groups.firstLeaf(group), groups.lastLeaf(group));
        List<WrittenFile> written = new ArrayList<>();
        TaskContext task = TaskContext.get();
        while (runs.nextLeaf()) {
            written.add(writer.write(runs.leaf(), runs.rows(), task));
        }
        return written.iterator();
    }
}
