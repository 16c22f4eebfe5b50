package sediment.submit;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmittedJobTest {

    @Test
    void shouldGiveASpecWithoutAnIdTheIdOffered() {
        SubmittedJob job = SubmittedJob.read(JobKind.BULK_IMPORT, "m", """
                {"tableName":"t","files":["f"]}""".getBytes(), "5f0c6b1e-0000-4000-8000-000000000001");

        assertThat(job.id()).isEqualTo("5f0c6b1e-0000-4000-8000-000000000001");
        assertThat(job.json()).contains("\"id\" : \"5f0c6b1e-0000-4000-8000-000000000001\"");
    }

    @Test
    void shouldUseTheSpecsClassNameAsMainClass() {
        SubmittedJob job = TestInstances.job("""
                {"id":"a","tableName":"t","files":["f"],"className":"my.Main"}""");

        assertThat(job.mainClass()).isEqualTo("my.Main");
    }

    @Test
    void shouldRejectAMergeSpecWithAnInvalidIdOrNonStringSettings() {
        assertThatThrownBy(() -> SubmittedJob.read(JobKind.MERGE, "merge.json", """
                {"id":"Bad_Id","sparkConf":{"spark.executor.cores":2}}""".getBytes(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("merge.json: job id 'Bad_Id' is not valid")
                .hasMessageEndingWith("; field 'sparkConf.spark.executor.cores' must be a string");
    }

    @Test
    void shouldRejectABulkImportSpecWithUnknownFields() {
        assertThatThrownBy(() -> TestInstances.job("""
                {"tableName":"t","files":["f"],"filez":[]}"""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown field 'filez'");
    }
}
