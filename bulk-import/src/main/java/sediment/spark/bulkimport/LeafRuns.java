package sediment.spark.bulkimport;

import org.apache.spark.sql.catalyst.InternalRow;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts one task's rows, sorted by row key and spanning a group of consecutive leaves, into one run per
 * leaf. Rows of a one-dimensional tree sorted by key arrive leaf after leaf; a row whose leaf comes
 * before the current one means the sort and the tree disagree, and fails the task rather than write a
 * leaf's rows to two files.
 */
final class LeafRuns {
    private final Iterator<InternalRow> rows;
    private final LeafLocator locator;
    private final int firstLeaf;
    private final int lastLeaf;
    private InternalRow pending;
    private int pendingLeaf = -1;
    private int leaf = -1;

    LeafRuns(Iterator<InternalRow> rows, LeafLocator locator, int firstLeaf, int lastLeaf) {
        this.rows = rows;
        this.locator = locator;
        this.firstLeaf = firstLeaf;
        this.lastLeaf = lastLeaf;
    }

    /** Moves to the next leaf that has rows; false when there are no more rows. */
    boolean nextLeaf() {
        while (true) {
            if (pending == null) {
                if (!rows.hasNext()) {
                    return false;
                }
                fetch();
            }
            if (pendingLeaf != leaf) {
                leaf = pendingLeaf;
                return true;
            }
            // A row of the current leaf that its reader left unread.
            pending = null;
        }
    }

    int leaf() {
        return leaf;
    }

    /** The current leaf's rows, which end where the next leaf's begin. */
    Iterator<InternalRow> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending == null && rows.hasNext()) {
                    fetch();
                }
                return pending != null && pendingLeaf == leaf;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InternalRow row = pending;
                pending = null;
                return row;
            }
        };
    }

    private void fetch() {
        InternalRow row = rows.next();
        int of = firstLeaf == lastLeaf ? firstLeaf : leaf >= 0 && locator.holds(row, leaf) ? leaf : locator.leafOf(row);
        if (of < firstLeaf || of > lastLeaf || of < leaf) {
            throw new IllegalStateException("a row of leaf " + of + " arrived " + (of < leaf ? "after rows of leaf " + leaf
                    : "in the task for leaves " + firstLeaf + ".." + lastLeaf) + ": the rows are not in the tree's key order");
        }
        pending = row;
        pendingLeaf = of;
    }
}
