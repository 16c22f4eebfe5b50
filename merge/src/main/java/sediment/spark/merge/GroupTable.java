package sediment.spark.merge;

import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import sediment.spark.internal.RowBytes;
import sediment.spark.internal.RowProjections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers the groups of a destination as rows arrive: an open-addressing table from grouping key to
 * group number, with no boxing. A single string grouping column (the usual case, e.g. Sym) is
 * hashed and compared in place in the row; other keys go through a projection of the grouping
 * columns. Also counts each group's rows.
 */
final class GroupTable {
    private final int stringOrdinal;
    private final UnsafeProjection projection;
    private int[] slots = filled(1024);
    private int[] slotHash = new int[1024];
    private final List<UnsafeRow> keys = new ArrayList<>();
    private final List<UTF8String> stringKeys = new ArrayList<>();
    private int[] counts = new int[64];

    GroupTable(StructType schema, int[] groupingOrdinals) {
        boolean oneString = groupingOrdinals.length == 1 && schema.fields()[groupingOrdinals[0]].dataType().equals(DataTypes.StringType);
        this.stringOrdinal = oneString ? groupingOrdinals[0] : -1;
        this.projection = RowProjections.columns(schema, groupingOrdinals);
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The group of this row, numbered in order of first appearance; counts the row. */
    int groupOf(UnsafeRow row) {
        int g;
        if (stringOrdinal >= 0) {
            UTF8String s = row.isNullAt(stringOrdinal) ? null : row.getUTF8String(stringOrdinal);
            int h = s == null ? 0x9e3779b9 : s.hashCode();
            g = find(h, s, null);
        } else {
            UnsafeRow key = projection.apply(row);
            g = find(key.hashCode(), null, key);
        }
        counts[g]++;
        return g;
    }

    private int find(int hash, UTF8String s, UnsafeRow key) {
        int mask = slots.length - 1;
        int i = mix(hash) & mask;
        while (true) {
            int g = slots[i];
            if (g < 0) {
                return insert(i, hash, s, key);
            }
            if (slotHash[i] == hash && (stringOrdinal >= 0 ? java.util.Objects.equals(stringKeys.get(g), s) : keys.get(g).equals(key))) {
                return g;
            }
            i = (i + 1) & mask;
        }
    }

    private int insert(int slot, int hash, UTF8String s, UnsafeRow key) {
        int g = size();
        if (stringOrdinal >= 0) {
            stringKeys.add(s == null ? null : s.clone());
        } else {
            keys.add(key.copy());
        }
        if (g == counts.length) {
            counts = Arrays.copyOf(counts, g * 2);
        }
        slots[slot] = g;
        slotHash[slot] = hash;
        if (size() * 2 > slots.length) {
            rehash();
        }
        return g;
    }

    private void rehash() {
        int[] oldSlots = slots;
        int[] oldHash = slotHash;
        slots = filled(oldSlots.length * 2);
        slotHash = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] >= 0) {
                int j = mix(oldHash[i]) & mask;
                while (slots[j] >= 0) {
                    j = (j + 1) & mask;
                }
                slots[j] = oldSlots[i];
                slotHash[j] = oldHash[i];
            }
        }
    }

    private static int mix(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    int size() {
        return stringOrdinal >= 0 ? stringKeys.size() : keys.size();
    }

    int count(int group) {
        return counts[group];
    }

    /** The grouping values of a group as a row of the grouping columns. */
    UnsafeRow key(int group) {
        if (stringOrdinal < 0) {
            return keys.get(group);
        }
        return RowBytes.stringRow(stringKeys.get(group));
    }
}
