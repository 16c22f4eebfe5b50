package sediment.spark.merge;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.apache.spark.sql.functions.expr;

/**
 * What a merge must write, worked out independently of it: rows in arrival order (files in name
 * order, rows in file order), routed by the key formula (evaluated by Spark on the input), grouped by
 * Sym with groups largest first and ties by Sym, sorted within groups by a key then arrival.
 */
final class Expected {
    private Expected() {
    }

    /** The key formula's value for each row, in order. */
    static List<Integer> destinations(SparkSession spark, List<Row> rows, StructType schema, String keyFormula) {
        return spark.createDataFrame(rows, schema).select(expr(keyFormula).cast("int")).collectAsList().stream()
                .map(r -> r.getInt(0)).toList();
    }

    /** Trade rows as merged (without Date), for one writable partition. */
    static List<Row> file(List<Row> arrival, List<Integer> dest, int writablePartition, Function<Row, Comparable<?>> sortKey) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < arrival.size(); i++) {
            if (dest.get(i) == writablePartition) {
                groups.computeIfAbsent(arrival.get(i).getString(1), k -> new ArrayList<>()).add(i);
            }
        }
        List<String> order = new ArrayList<>(groups.keySet());
        order.sort(Comparator.<String>comparingInt(k -> -groups.get(k).size()).thenComparing(Comparator.naturalOrder()));
        List<Row> out = new ArrayList<>();
        for (String key : order) {
            List<Integer> members = new ArrayList<>(groups.get(key));
            if (sortKey != null) {
                members.sort(Comparator.comparing((Integer i) -> (Comparable) sortKey.apply(arrival.get(i)))
                        .thenComparing(Comparator.naturalOrder()));
            }
            for (int i : members) {
                Row r = arrival.get(i);
                out.add(RowFactory.create(r.get(1), r.get(2), r.get(3), r.get(4)));
            }
        }
        return out;
    }

    /** Group sizes in file order, for checking the footer index. */
    static List<Integer> groupSizes(List<Row> file) {
        List<Integer> sizes = new ArrayList<>();
        String last = null;
        for (Row r : file) {
            if (!r.getString(0).equals(last)) {
                sizes.add(0);
                last = r.getString(0);
            }
            sizes.set(sizes.size() - 1, sizes.get(sizes.size() - 1) + 1);
        }
        return sizes;
    }
}
