package sediment.cli;

import sediment.core.error.SedimentException;
import sediment.core.instance.SedimentProperties;
import sediment.core.instance.Table;
import sediment.core.schema.PrimitiveType;
import sediment.core.split.AutoSplit;
import sediment.core.split.SketchFiles;
import sediment.core.storage.HadoopConf;
import sediment.core.table.TableState;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** {@code table split --auto}: plans from the table's sketches, commits one split per leaf and reports each. */
final class AutoSplitCommand {
    private AutoSplitCommand() {
    }

    static int run(Table table, PrintWriter out) {
        long threshold = table.settings(java.util.Map.of()).getLong(SedimentProperties.PARTITION_SPLITTING_THRESHOLD);
        if (threshold < 1) {
            throw new sediment.core.error.InvalidInputException("Property " + SedimentProperties.PARTITION_SPLITTING_THRESHOLD.name()
                    + " must be at least 1, not " + threshold);
        }
        TableState state = table.state();
        AutoSplit.Plan plan;
        try {
            plan = AutoSplit.plan(state, threshold, new SketchFiles(table.instance().storage(), HadoopConf.load(), state.schema()));
        } catch (IOException e) {
            throw new SedimentException("Cannot split table " + table.name() + ": cannot read a data file's keys: " + e.getMessage(), e);
        }
        List<PrimitiveType> types = state.schema().rowKeyTypes();
        for (AutoSplit.Skipped s : plan.skipped()) {
            out.println("Leaf " + s.leafId() + " holds " + s.rows() + " rows but was not split: " + s.reason());
        }
        if (plan.proposals().isEmpty()) {
            out.println(plan.skipped().isEmpty() ? "No leaf of table " + table.name() + " holds more than " + threshold + " rows ("
                    + SedimentProperties.PARTITION_SPLITTING_THRESHOLD.name() + "); nothing was split."
                    : "Nothing was split.");
            out.flush();
            return 0;
        }
        List<AutoSplit.Outcome> outcomes = AutoSplit.commit(table.log(), plan);
        List<String> failures = new java.util.ArrayList<>();
        for (AutoSplit.Outcome o : outcomes) {
            AutoSplit.Proposal p = o.proposal();
            if (o.committed()) {
                out.println("Split leaf " + p.leafId() + " (" + p.rows() + " rows) into " + p.leafId() + "0 and " + p.leafId() + "1 at "
                        + AutoSplit.describe(types.get(p.dimension()), p.splitPoint())
                        + (types.size() > 1 ? " on row-key field " + p.dimension() : "")
                        + (p.sketchesComputed() > 0 ? " (" + p.sketchesComputed() + " file sketches computed)" : "")
                        + " (table version " + o.version() + ")");
            } else {
                failures.add(o.failure());
            }
        }
        out.flush();
        if (!failures.isEmpty()) {
            throw new SedimentException(String.join("; ", failures));
        }
        return 0;
    }
}
