package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import sediment.core.error.InvalidInputException;
import sediment.core.util.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How one table is merged, read from {@code <db>/Schemas/<namespace>/<table>.json}: its columns with
 * their types and roles (one {@code Partitioning} column, any number of {@code Grouping} columns),
 * the number of writable partitions, the key formula that picks a row's writable partition, and the
 * default storage format and Parquet codec.
 *
 * @param keyFormula the formula as written, or the default when the file has none; placeholders are
 *                   substituted by {@link #keyFormulaFor(String)}
 */
public record MergeTableDefinition(String namespace, String table, List<MergeColumn> columns, int writablePartitions,
                                   String keyFormula, String defaultMergeFormat, ParquetCodec defaultParquetCodec) {

    public static final String NUM_WRITABLE_PARTITIONS = "__NUM_WRITABLE_PARTITIONS__";
    public static final String NAMESPACE = "__NAMESPACE__";
    public static final String TABLE_NAME = "__TABLE_NAME__";
    public static final String PARTITION_COLUMN_VALUE = "__PARTITION_COLUMN_VALUE__";
    /** Deephaven's only historical format here; {@code DeephavenV1} and others are refused with a reason. */
    public static final String PARQUET = "Parquet";
    public static final int MAX_WRITABLE_PARTITIONS = 10_000;

    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public MergeTableDefinition {
        columns = List.copyOf(columns);
    }

    /** The file as written; every field is optional to Jackson so that all problems are reported together. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(@JsonProperty("namespace") String namespace,
                       @JsonProperty("table") String table,
                       @JsonProperty("columns") List<ColumnSpec> columns,
                       @JsonProperty("writablePartitions") Integer writablePartitions,
                       @JsonProperty("keyFormula") String keyFormula,
                       @JsonProperty("defaultMergeFormat") String defaultMergeFormat,
                       @JsonProperty("defaultParquetCodec") String defaultParquetCodec) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnSpec(@JsonProperty("name") String name,
                             @JsonProperty("dataType") String dataType,
                             @JsonProperty("columnType") String columnType) {
    }

    /**
     * Reads and checks a definition file. Every problem is reported on one line naming the file.
     *
     * @param namespace the namespace the file was found under (null when given explicitly, e.g. {@code tableDef=})
     * @param table     the table the file was found under (null likewise)
     */
    public static MergeTableDefinition read(String source, byte[] content, String namespace, String table) {
        Spec spec = Json.read(source, content, Spec.class);
        List<String> problems = new ArrayList<>();
        String ns = checkName(spec.namespace(), namespace, "namespace", problems);
        String tb = checkName(spec.table(), table, "table", problems);

        List<MergeColumn> columns = new ArrayList<>();
        if (spec.columns() == null || spec.columns().isEmpty()) {
            problems.add("field 'columns' must list at least the partitioning column");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < spec.columns().size(); i++) {
                ColumnSpec c = spec.columns().get(i);
                String where = "columns[" + i + "]";
                if (c == null) {
                    problems.add(where + " is null");
                    continue;
                }
                if (c.name() == null || !COLUMN_NAME.matcher(c.name()).matches() || c.name().startsWith("__")) {
                    problems.add(where + ".name " + (c.name() == null ? "is missing" : "'" + c.name() + "' is not a valid column name")
                            + " (letters, digits and '_', not starting with a digit or '__')");
                    continue;
                }
                where = "column '" + c.name() + "'";
                if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                    problems.add(where + " is defined twice (names are compared ignoring case, as Spark does)");
                }
                ColumnType type = ColumnType.parse(c.dataType()).orElse(null);
                if (type == null) {
                    problems.add(where + (c.dataType() == null ? " has no dataType" : " has unknown dataType '" + c.dataType() + "'")
                            + " (expected one of: " + ColumnType.knownNames() + ")");
                }
                ColumnRole role = c.columnType() == null ? ColumnRole.Normal : ColumnRole.parse(c.columnType()).orElse(null);
                if (role == null) {
                    problems.add(where + " has unknown columnType '" + c.columnType() + "' (expected Partitioning, Grouping or Normal)");
                }
                if (type != null && role != null) {
                    columns.add(new MergeColumn(c.name(), type, role));
                }
            }
            List<MergeColumn> partitioning = columns.stream().filter(MergeColumn::isPartitioning).toList();
            if (partitioning.size() != 1 && problems.isEmpty()) {
                problems.add("exactly one column must have columnType Partitioning, found " + partitioning.size()
                        + (partitioning.isEmpty() ? "" : " (" + partitioning.stream().map(MergeColumn::name).collect(Collectors.joining(", ")) + ")"));
            }
            for (MergeColumn p : partitioning) {
                if (p.type() != ColumnType.STRING) {
                    problems.add("partitioning column '" + p.name() + "' must have dataType String, not " + p.type());
                }
            }
            if (partitioning.size() == 1 && columns.size() == 1) {
                problems.add("the table needs at least one column besides the partitioning column");
            }
        }

        int writable = spec.writablePartitions() == null ? 1 : spec.writablePartitions();
        if (writable < 1 || writable > MAX_WRITABLE_PARTITIONS) {
            problems.add("field 'writablePartitions' must be from 1 to " + MAX_WRITABLE_PARTITIONS + ", not " + writable);
        }
        if (spec.keyFormula() != null && spec.keyFormula().isBlank()) {
            problems.add("field 'keyFormula' is empty: leave it out for the default (a hash of the grouping columns)");
        }
        String format = spec.defaultMergeFormat() == null ? PARQUET : spec.defaultMergeFormat().trim();
        checkStorageFormat("field 'defaultMergeFormat'", format).ifPresent(problems::add);
        ParquetCodec codec = null;
        try {
            codec = ParquetCodec.parseOrNull("field 'defaultParquetCodec'", spec.defaultParquetCodec());
        } catch (InvalidInputException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Bad merge table definition " + source + ": " + String.join("; ", problems));
        }
        List<String> grouping = columns.stream().filter(MergeColumn::isGrouping).map(MergeColumn::name).toList();
        String key = spec.keyFormula() != null ? spec.keyFormula().trim() : defaultKeyFormula(grouping);
        return new MergeTableDefinition(ns, tb, columns, writable, key, PARQUET, codec == null ? ParquetCodec.DEFAULT : codec);
    }

    /**
     * Deephaven's {@code ${autobalance_by_first_grouping_column}} in spirit: a hash of the grouping
     * columns spreads groups over the writable partitions; without grouping columns the whole column
     * partition goes to one writable partition picked by a hash of namespace, table and value.
     */
    static String defaultKeyFormula(List<String> grouping) {
        String hashed = grouping.isEmpty()
                ? NAMESPACE + ", " + TABLE_NAME + ", " + PARTITION_COLUMN_VALUE
                : grouping.stream().map(g -> "`" + g + "`").collect(Collectors.joining(", "));
        return "pmod(hash(" + hashed + "), " + NUM_WRITABLE_PARTITIONS + ")";
    }

    /** The key formula as Spark SQL, with {@code __NUM_WRITABLE_PARTITIONS__} and the other placeholders filled in. */
    public String keyFormulaFor(String partitionValue) {
        return keyFormula.replace(NUM_WRITABLE_PARTITIONS, Integer.toString(writablePartitions))
                .replace(NAMESPACE, sqlString(namespace))
                .replace(TABLE_NAME, sqlString(table))
                .replace(PARTITION_COLUMN_VALUE, sqlString(partitionValue));
    }

    private static String sqlString(String s) {
        return "'" + (s == null ? "" : s.replace("\\", "\\\\").replace("'", "\\'")) + "'";
    }

    /** Null when the format is one Sediment writes, else why not. */
    public static java.util.Optional<String> checkStorageFormat(String what, String format) {
        if (format == null || format.equalsIgnoreCase(PARQUET) || format.equalsIgnoreCase("Default")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(what + " '" + format + "' is not supported: Sediment writes historical data as Parquet only"
                + " (use Parquet or Default)");
    }

    private static String checkName(String inFile, String expected, String field, List<String> problems) {
        if (inFile != null && expected != null && !inFile.equals(expected)) {
            problems.add("field '" + field + "' says '" + inFile + "' but the file is for " + field + " '" + expected + "'");
        }
        String name = expected != null ? expected : inFile;
        if (name == null) {
            problems.add("field '" + field + "' is missing");
        } else {
            MergeLayout.nameProblem(field, name).ifPresent(problems::add);
        }
        return name;
    }

    public MergeColumn partitioningColumn() {
        return columns.stream().filter(MergeColumn::isPartitioning).findFirst().orElseThrow();
    }

    public List<MergeColumn> groupingColumns() {
        return columns.stream().filter(MergeColumn::isGrouping).toList();
    }

    /** The columns written to historical files: all but the partitioning column, in definition order. */
    public List<MergeColumn> dataColumns() {
        return columns.stream().filter(c -> !c.isPartitioning()).toList();
    }

    public java.util.Optional<MergeColumn> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public String qualifiedName() {
        return namespace + "." + table;
    }

    /** Writes a definition in the file format, e.g. for generated sample tables. */
    public static byte[] toJson(Spec spec) {
        try {
            return Json.MAPPER.writeValueAsBytes(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
