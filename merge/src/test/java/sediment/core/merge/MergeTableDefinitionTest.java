package sediment.core.merge;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeTableDefinitionTest {

    static final String TRADES = """
            {
              "columns": [
                {"name": "Date", "dataType": "String", "columnType": "Partitioning"},
                {"name": "Sym", "dataType": "String", "columnType": "Grouping"},
                {"name": "Timestamp", "dataType": "DateTime"},
                {"name": "Price", "dataType": "double"},
                {"name": "Size", "dataType": "int", "columnType": "Normal"}
              ],
              "writablePartitions": 4
            }
            """;

    static MergeTableDefinition read(String json) {
        return MergeTableDefinition.read("Schemas/Market/Trades.json", json.getBytes(StandardCharsets.UTF_8), "Market", "Trades");
    }

    @Test
    void shouldReadColumnsRolesAndDefaults() {
        MergeTableDefinition d = read(TRADES);
        assertThat(d.qualifiedName()).isEqualTo("Market.Trades");
        assertThat(d.partitioningColumn().name()).isEqualTo("Date");
        assertThat(d.groupingColumns()).extracting(MergeColumn::name).containsExactly("Sym");
        assertThat(d.dataColumns()).extracting(MergeColumn::name).containsExactly("Sym", "Timestamp", "Price", "Size");
        assertThat(d.column("timestamp")).map(MergeColumn::type).contains(ColumnType.DATE_TIME);
        assertThat(d.writablePartitions()).isEqualTo(4);
        assertThat(d.defaultParquetCodec()).isEqualTo(ParquetCodec.SNAPPY);
        assertThat(d.keyFormulaFor("2024-01-02")).isEqualTo("pmod(hash(`Sym`), 4)");
    }

    @Test
    void shouldHashNamespaceTableAndValueWhenThereAreNoGroupingColumns() {
        MergeTableDefinition d = read(TRADES.replace("\"Grouping\"", "\"Normal\""));
        assertThat(d.keyFormulaFor("2024-01-02")).isEqualTo("pmod(hash('Market', 'Trades', '2024-01-02'), 4)");
    }

    @Test
    void shouldSubstitutePlaceholdersInAGivenKeyFormula() {
        MergeTableDefinition d = read(TRADES.replace("\"writablePartitions\": 4",
                "\"writablePartitions\": 3, \"keyFormula\": \"pmod(Size, __NUM_WRITABLE_PARTITIONS__)\", \"defaultParquetCodec\": \"zstd\""));
        assertThat(d.keyFormulaFor("x")).isEqualTo("pmod(Size, 3)");
        assertThat(d.defaultParquetCodec()).isEqualTo(ParquetCodec.ZSTD);
    }

    @Test
    void shouldReportJsonErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> read("{\n  \"columns\": [,]\n}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Schemas/Market/Trades.json line 2");
        assertThatThrownBy(() -> read("{\"colums\": []}"))
                .hasMessageContaining("unknown field 'colums'");
    }

    @Test
    void shouldReportEveryProblemOfADefinitionOnOneLine() {
        String bad = """
                {"columns": [
                  {"name": "Date", "dataType": "int", "columnType": "Partitioning"},
                  {"name": "Sym", "dataType": "Strin", "columnType": "Grouping"},
                  {"name": "Px", "dataType": "double", "columnType": "Sorting"},
                  {"name": "px", "dataType": "double"},
                  {"name": "1x", "dataType": "double"}
                ], "writablePartitions": 0, "defaultMergeFormat": "DeephavenV1", "defaultParquetCodec": "BROTLI"}
                """;
        assertThatThrownBy(() -> read(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageNotContaining("\n")
                .hasMessageStartingWith("Bad merge table definition Schemas/Market/Trades.json: ")
                .hasMessageContaining("column 'Sym' has unknown dataType 'Strin'")
                .hasMessageContaining("column 'Px' has unknown columnType 'Sorting'")
                .hasMessageContaining("column 'px' is defined twice")
                .hasMessageContaining("'1x' is not a valid column name")
                .hasMessageContaining("partitioning column 'Date' must have dataType String, not int")
                .hasMessageContaining("'writablePartitions' must be from 1 to 10000, not 0")
                .hasMessageContaining("'DeephavenV1' is not supported")
                .hasMessageContaining("'BROTLI' is not a codec");
    }

    @Test
    void shouldRequireExactlyOnePartitioningColumn() {
        assertThatThrownBy(() -> read(TRADES.replace("\"Partitioning\"", "\"Normal\"")))
                .hasMessageContaining("exactly one column must have columnType Partitioning, found 0");
        assertThatThrownBy(() -> read(TRADES.replace("\"Grouping\"", "\"Partitioning\"")))
                .hasMessageContaining("found 2 (Date, Sym)");
    }

    @Test
    void shouldRejectANamespaceThatDoesNotMatchWhereTheFileIs() {
        assertThatThrownBy(() -> read(TRADES.replace("{\n", "{\"namespace\": \"Other\",\n")))
                .hasMessageContaining("field 'namespace' says 'Other' but the file is for namespace 'Market'");
    }
}
