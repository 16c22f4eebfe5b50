package sediment.core.job;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkImportJobTest {

    private static BulkImportJob read(String json) {
        return BulkImportJob.read("job.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadTheSeedsJobSpec() {
        BulkImportJob job = read("""
                {
                  "id": "my-job",
                  "tableName": "myTable",
                  "files": ["databucket/file1.parquet"],
                  "sparkConf": {"spark.executor.instances": "3"},
                  "platformSpec": {
                    "sleeper.table.bulk.import.emr.master.instance.type": "m5.xlarge",
                    "sleeper.table.bulk.import.emr.executor.max.instances": "10"
                  }
                }
                """);

        assertThat(job.id()).isEqualTo("my-job");
        assertThat(job.tableName()).isEqualTo("myTable");
        assertThat(job.files()).containsExactly("databucket/file1.parquet");
        assertThat(job.sparkConf()).containsEntry("spark.executor.instances", "3");
        assertThat(job.platformSpec()).containsEntry("sleeper.table.bulk.import.emr.master.instance.type", "m5.xlarge");
    }

    @Test
    void shouldGenerateAnIdThatNamesAPod() {
        BulkImportJob job = read("{\"tableName\": \"t\", \"files\": [\"f\"]}");

        assertThat(BulkImportJob.checkJobId(job.id())).isEmpty();
        assertThat(job.sparkConf()).isEmpty();
    }

    @Test
    void shouldReportEveryProblemOfTheSpecAtOnce() {
        assertThatThrownBy(() -> read("{\"id\": \"My_Job\", \"tableName\": \" \", \"files\": [\"a\", \"\"]}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("job.json: job id 'My_Job' is not valid: it names the Kubernetes driver pod, so it must be 1 to 63"
                        + " lowercase letters, digits and '-', starting and ending with a letter or digit;"
                        + " field 'tableName' is missing or empty; field 'files[1]' is empty");
        assertThatThrownBy(() -> read("{\"tableName\": \"t\", \"files\": []}")).isInstanceOf(InvalidInputException.class)
                .hasMessage("job.json: field 'files' must list at least one file or directory");
    }

    @Test
    void shouldLocateTypeErrorsAndUnknownFields() {
        assertThatThrownBy(() -> read("{\"tableName\": \"t\",\n \"files\": [\"f\"],\n \"sparkconf\": {}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("job.json line 3, column 2: unknown field 'sparkconf' (expected one of: className, files, id, platformSpec,"
                        + " sparkConf, tableName)");
        assertThatThrownBy(() -> read("{\"tableName\": \"t\", \"files\": [\"f\"], \"sparkConf\": {\"spark.executor.instances\": 3}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("field 'sparkConf.spark.executor.instances' has the wrong type: expected a string, got 3");
        assertThatThrownBy(() -> read("{\"files\": [\"f\"]}")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("required field 'tableName' is missing");
    }

    @Test
    void shouldCheckJobIdsAgainstDnsLabelRules() {
        for (String ok : List.of("a", "job-1", "0abc", "a".repeat(63))) {
            assertThat(BulkImportJob.checkJobId(ok)).as(ok).isEmpty();
        }
        for (String bad : List.of("", "-a", "a-", "A", "a_b", "a.b", "a".repeat(64))) {
            assertThat(BulkImportJob.checkJobId(bad)).as(bad).isPresent();
        }
    }

    @Test
    void shouldWriteBackWhatItRead() {
        BulkImportJob job = read("{\"id\": \"j\", \"tableName\": \"t\", \"files\": [\"f\"], \"platformSpec\": {\"k\": \"v\"}}");

        assertThat(BulkImportJob.read("again", job.toJson())).isEqualTo(job);
    }
}
