package sediment.core.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sediment.core.error.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkImportJobTest {

    static byte[] seedJob(String name) throws IOException {
        try (InputStream in = BulkImportJobTest.class.getResourceAsStream("/seed-jobs/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-ingest.json", "emr-simple.json", "emr-platform-spec.json"})
    void parsesEveryWellFormedExampleJobOfTheSeed(String name) throws IOException {
        BulkImportJob job = BulkImportJob.parse(name, seedJob(name));
        assertThat(job.tableName()).isNotBlank();
        assertThat(job.files()).isNotEmpty();
    }

    @Test
    void keepsSparkConfAndPlatformSpecAsWritten() throws IOException {
        BulkImportJob job = BulkImportJob.read("emr-platform-spec.json", seedJob("emr-platform-spec.json"));
        assertThat(job.sparkConf()).containsEntry("spark.task.cpus", "2");
        assertThat(job.platformSpec()).containsEntry("sleeper.table.bulk.import.emr.executor.max.instances", "10")
                .hasSize(4);
        assertThat(job.files()).containsExactly("my-bucket/my-files/");
    }

    @Test
    void generatesAnIdThatCanNameAPodWhenTheJobHasNone() throws IOException {
        BulkImportJob job = BulkImportJob.read("emr-simple.json", seedJob("emr-simple.json"));
        assertThat(job.id()).matches("[a-z0-9-]{36}");
        assertThat(BulkImportJob.checkJobId(job.id())).isEmpty();
    }

    @Test
    void rejectsTheSeedsEksExampleWithTheLineAndColumnOfTheMissingComma() throws IOException {
        assertThatThrownBy(() -> BulkImportJob.read("eks.json", seedJob("eks.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("eks.json line 13, column 10")
                .hasMessageContaining("invalid JSON").hasMessageContaining("expecting comma")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsAJobIdThatCannotNameAKubernetesPod() throws IOException {
        assertThatThrownBy(() -> BulkImportJob.read("standard-ingest.json", seedJob("standard-ingest.json")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("standard-ingest.json: job id 'a_unique_id' is not valid: it names the Kubernetes driver pod,"
                        + " so it must be 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "-leading", "trailing-", "under_score", "dot.ted", ""})
    void rejectsInvalidJobIds(String id) {
        assertThat(BulkImportJob.checkJobId(id)).isPresent();
    }

    @Test
    void acceptsAJobIdOfSixtyThreeCharactersButNotSixtyFour() {
        assertThat(BulkImportJob.checkJobId("a".repeat(63))).isEmpty();
        assertThat(BulkImportJob.checkJobId("a".repeat(64))).isPresent();
    }

    @Test
    void rejectsUnknownFieldsNamingThemAndWhereTheyAre() {
        String json = "{\n  \"tableName\": \"t\",\n  \"files\": [\"a\"],\n  \"platfromSpec\": {}\n}";
        assertThatThrownBy(() -> BulkImportJob.read("job.json", json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("job.json line 4, column")
                .hasMessageContaining("unknown field 'platfromSpec'")
                .hasMessageContaining("platformSpec");
    }

    @Test
    void rejectsWrongTypes() {
        String json = "{\"tableName\": \"t\", \"files\": \"a.parquet\"}";
        assertThatThrownBy(() -> BulkImportJob.read("job.json", json.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("job.json line 1")
                .hasMessageContaining("field 'files' has the wrong type: expected an array");
        String numbers = "{\"tableName\": \"t\", \"files\": [\"a\"], \"sparkConf\": {\"spark.executor.instances\": 3}}";
        assertThatThrownBy(() -> BulkImportJob.read("job.json", numbers.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("field 'sparkConf.spark.executor.instances' has the wrong type: expected a string, got 3");
    }

    @Test
    void rejectsAJobWithoutTableOrFilesListingBothProblems() {
        assertThatThrownBy(() -> BulkImportJob.read("job.json", "{\"files\": []}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'tableName' is missing")
                .hasMessageContaining("'files' must list at least one file or directory");
    }

    @Test
    void reportsEveryProblemOfTheSpecAtOnce() {
        assertThatThrownBy(() -> BulkImportJob.read("job.json",
                "{\"id\": \"My_Job\", \"tableName\": \" \", \"files\": [\"a\", \"\"]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("job.json: job id 'My_Job' is not valid: it names the Kubernetes driver pod, so it must be 1 to 63"
                        + " lowercase letters, digits and '-', starting and ending with a letter or digit;"
                        + " field 'tableName' is missing or empty; field 'files[1]' is empty");
    }

    @Test
    void writesBackWhatItRead() {
        BulkImportJob job = BulkImportJob.read("job.json",
                "{\"id\": \"j\", \"tableName\": \"t\", \"files\": [\"f\"], \"platformSpec\": {\"k\": \"v\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(BulkImportJob.read("again", job.toJson())).isEqualTo(job);
    }
}
