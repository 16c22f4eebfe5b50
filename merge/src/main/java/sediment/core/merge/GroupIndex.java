package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import sediment.core.util.Json;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a merged file records about itself in its Parquet footer (key {@value #FOOTER_KEY}): where
 * it belongs, and each group's key, first row and row count in file order (largest group first),
 * so a reader can go straight to one group. Keys are the grouping column values as text
 * ({@code null} for null; dates and timestamps in ISO-8601; binary in base64).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupIndex(
        @JsonProperty("namespace") String namespace,
        @JsonProperty("table") String table,
        @JsonProperty("partitionColumn") String partitionColumn,
        @JsonProperty("partitionValue") String partitionValue,
        @JsonProperty("writablePartition") int writablePartition,
        @JsonProperty("groupingColumns") List<String> groupingColumns,
        @JsonProperty("sortColumnFormula") String sortColumnFormula,
        @JsonProperty("groups") List<Group> groups) {

    public static final String FOOTER_KEY = "sediment.merge";

    public GroupIndex {
        groupingColumns = List.copyOf(groupingColumns);
        groups = List.copyOf(groups);
    }

    public record Group(@JsonProperty("key") List<String> key,
                        @JsonProperty("firstRow") long firstRow,
                        @JsonProperty("rowCount") long rowCount) {
    }

    /** The group with this key (values as text, in grouping column order). */
    public Optional<Group> find(List<String> key) {
        return groups.stream().filter(g -> Objects.equals(g.key(), key)).findFirst();
    }

    public String toJson() {
        try {
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GroupIndex fromJson(String source, String json) {
        return Json.read(source, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), GroupIndex.class);
    }
}
