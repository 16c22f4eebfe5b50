package sediment.core.merge;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeOptionsTest {

    @Test
    void shouldHaveTheSeedsDefaults() {
        MergeOptions o = MergeOptions.builder().partitionColumnValue("2024-01-02").build();
        assertThat(o.threadPoolSize()).isEqualTo(4);
        assertThat(o.maximumConcurrentColumns()).isEqualTo(Integer.MAX_VALUE);
        assertThat(o.allowEmptyInput()).isTrue();
        assertThat(o.lowHeapUsage()).isFalse();
        assertThat(o.force()).isFalse();
        assertThat(o.lateCleanup()).isFalse();
        assertThat(o.validate()).isTrue();
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void shouldNeedExactlyOneOfValueAndFormula() {
        assertThatThrownBy(() -> MergeOptions.builder().build().check("Cannot merge Market.Trades"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot merge Market.Trades: give the column partition to merge: partitionColumnValue");
        assertThat(MergeOptions.builder().partitionColumnValue("2024-01-02").partitionColumnFormula("today()").build().problems())
                .containsExactly("give either partitionColumnValue or partitionColumnFormula, not both (got value '2024-01-02'"
                        + " and formula 'today()')");
    }

    @Test
    void shouldCheckEveryOption() {
        MergeOptions o = MergeOptions.builder().partitionColumnValue("../etc").threadPoolSize(0).maximumConcurrentColumns(0)
                .storageFormat("DeephavenV1").codecName("LZO").lateCleanup(true).deleteIntraday(true).validate(false).build();
        assertThat(String.join("\n", o.problems()))
                .contains("partitionColumnValue '../etc' is not valid")
                .contains("threadPoolSize must be at least 1, not 0")
                .contains("maximumConcurrentColumns must be at least 1, not 0")
                .contains("storageFormat 'DeephavenV1' is not supported")
                .contains("codecName 'LZO' is not a codec Sediment can write")
                .contains("lateCleanup=true only changes how force=true replaces data")
                .contains("deleteIntraday=true needs validate=true");
    }

    @Test
    void shouldParseTheSeedsNameValueArguments() {
        MergeOptions o = MergeArguments.apply(MergeOptions.builder().partitionColumnValue("2024-01-02"),
                List.of("sortColumn=upperBin(Timestamp, 1000000000L)", "force=true", "lowHeapUsageMode=TRUE", "codec=zstd",
                        "threadPoolSize=2", "mergeFormat=Parquet", "LATECLEANUP=true", "tableDef=/tmp/t.json")).build();
        assertThat(o.sortColumnFormula()).isEqualTo("upperBin(Timestamp, 1000000000L)");
        assertThat(o.force()).isTrue();
        assertThat(o.lowHeapUsage()).isTrue();
        assertThat(o.codecName()).isEqualTo("zstd");
        assertThat(o.threadPoolSize()).isEqualTo(2);
        assertThat(o.lateCleanup()).isTrue();
        assertThat(o.tableDef()).isEqualTo("/tmp/t.json");
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void shouldRejectBadArguments() {
        assertThatThrownBy(() -> MergeArguments.apply(MergeOptions.builder(), List.of("force=yes")))
                .hasMessage("Option force=yes: expected true or false");
        assertThatThrownBy(() -> MergeArguments.apply(MergeOptions.builder(), List.of("threadPoolSize=many")))
                .hasMessage("Option threadPoolSize=many: expected a whole number");
        assertThatThrownBy(() -> MergeArguments.apply(MergeOptions.builder(), List.of("sort=Timestamp")))
                .hasMessageStartingWith("Unknown merge option 'sort' (known: partitionColumnValue,");
        assertThatThrownBy(() -> MergeArguments.apply(MergeOptions.builder(), List.of("force")))
                .hasMessageStartingWith("Option 'force' is not name=value");
    }

    @Test
    void shouldReadAMergeJobSpec() {
        MergeJob job = MergeJob.read("job.json", """
                {"id": "merge-trades", "db": "s3a://bucket/db", "namespace": "Market", "table": "Trades",
                 "partitionColumnFormula": "Calendars.calendar(\\"USNYSE\\").previousBusinessDay(1)",
                 "sortColumnFormula": "Timestamp", "codecName": "ZSTD", "lowHeapUsage": true, "threadPoolSize": 2,
                 "sparkConf": {"spark.executor.memory": "512m"}, "platformSpec": {"sleeper.bulk.import.emr.executor.instance.type": "m5.xlarge"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(job.isRemerge()).isFalse();
        assertThat(job.options().lowHeapUsage()).isTrue();
        assertThat(job.options().threadPoolSize()).isEqualTo(2);
        assertThat(job.options().validate()).isTrue();
        assertThat(job.sparkConf()).containsEntry("spark.executor.memory", "512m");
        MergeJob again = MergeJob.read("again.json", job.toJson());
        assertThat(again).isEqualTo(job);
    }

    @Test
    void shouldReportEveryProblemOfAJobSpec() {
        assertThatThrownBy(() -> MergeJob.read("job.json", """
                {"id": "Bad_Id", "table": "Trades", "sourceTable": "Old", "force": false, "lateCleanup": true}
                """.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("job.json: job id 'Bad_Id' is not valid")
                .hasMessageContaining("field 'namespace' is missing")
                .hasMessageContaining("a remerge job needs both 'sourceNamespace' and 'sourceTable'")
                .hasMessageContaining("give the column partition to merge")
                .hasMessageContaining("lateCleanup=true only changes");
        assertThatThrownBy(() -> MergeJob.read("job.json", "{\"namespace\": \"M\", \"table\": \"T\", \"force\": \"yes\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("job.json line 1, column 43: field 'force' has the wrong type: expected true or false");
    }

    @Test
    void shouldReadWordsAndJobSpecsIntoTheSameOptions() {
        MergeOptions fromWords = MergeOptions.builder().words(List.of("partitionColumnValue=2024-01-02", "sortColumn=Timestamp",
                "threadPoolSize=2", "force=True", "lateCleanup=true", "codec=ZSTD", "validate=false")).build();
        MergeJob job = MergeJob.read("job.json", """
                {"namespace": "M", "table": "T", "partitionColumnValue": "2024-01-02", "sortColumnFormula": "Timestamp",
                 "threadPoolSize": 2, "force": true, "lateCleanup": true, "codecName": "ZSTD", "validate": false}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(job.options()).isEqualTo(fromWords);
    }

    @Test
    void shouldLetALaterWordWinAndKeepWhatWasSetBefore() {
        MergeOptions o = MergeOptions.builder().partitionColumnValue("2024-01-02").threadPoolSize(7)
                .words(List.of("sortColumn=A", "sortColumnFormula=B")).build();

        assertThat(o.sortColumnFormula()).isEqualTo("B");
        assertThat(o.partitionColumnValue()).isEqualTo("2024-01-02");
        assertThat(o.threadPoolSize()).isEqualTo(7);
    }

    @Test
    void shouldRefuseAnEmptyNumberOrBoolean() {
        assertThatThrownBy(() -> MergeOptions.builder().words(List.of("threadPoolSize=")))
                .hasMessage("Option threadPoolSize=: expected a whole number");
        assertThatThrownBy(() -> MergeOptions.builder().words(List.of("force= ")))
                .hasMessage("Option force= : expected true or false");
    }

    @Test
    void shouldTakeTheSeedsSetterNames() {
        MergeOptions o = MergeOptions.builder().setPartitionColumnValue("2024-01-02").setForce(true).setThreadPoolSize(3).build();

        assertThat(o).isEqualTo(MergeOptions.builder().partitionColumnValue("2024-01-02").force(true).threadPoolSize(3).build());
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void shouldWriteAJobSpecWithTheOptionsBesideTheJobFields() throws Exception {
        MergeJob job = MergeJob.of("m-1", "/db", "M", "T", MergeOptions.builder().partitionColumnValue("2024-01-02").build());

        com.fasterxml.jackson.databind.JsonNode json = sediment.core.util.Json.MAPPER.readTree(job.toJson());

        assertThat(json.get("id").asText()).isEqualTo("m-1");
        assertThat(json.get("partitionColumnValue").asText()).isEqualTo("2024-01-02");
        assertThat(json.get("threadPoolSize").asInt()).isEqualTo(4);
        assertThat(json.has("options")).isFalse();
    }

    @Test
    void shouldKeepTheDefaultForANullInAJobSpec() {
        MergeJob job = MergeJob.read("job.json", """
                {"namespace": "M", "table": "T", "partitionColumnValue": "2024-01-02", "threadPoolSize": null, "validate": null}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(job.options().threadPoolSize()).isEqualTo(4);
        assertThat(job.options().validate()).isTrue();
    }
}
