package sediment.submit;

import sediment.core.job.JobKind;
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
    void shouldRejectAMergeSpecAsMergeJobDoes() {
        assertThatThrownBy(() -> SubmittedJob.read(JobKind.MERGE, "merge.json", """
                {"id":"Bad_Id","namespace":"Market"}""".getBytes(), null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("merge.json: job id 'Bad_Id' is not valid")
                .hasMessageContaining("field 'table' is missing");
        // What LaunchPlannerTest once planned: the bulk import's field names are not a merge spec's.
        assertThatThrownBy(() -> SubmittedJob.read(JobKind.MERGE, "merge.json", """
                {"id":"merge-1","namespace":"ns","tableName":"Quotes","partitionValue":"2024-01-02"}""".getBytes(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown field 'tableName'");
    }

    @Test
    void shouldReadAMergeSpecForTheMergeMainWithItsTableAsTarget() {
        SubmittedJob job = SubmittedJob.read(JobKind.MERGE, "merge.json", """
                {"id":"merge-1","db":"s3a://bucket/db","namespace":"Market","table":"Trades",
                 "partitionColumnValue":"2024-01-02"}""".getBytes(), null);

        assertThat(job.kind()).isEqualTo(JobKind.MERGE);
        assertThat(job.mainClass()).isEqualTo("sediment.spark.merge.MergeMain");
        assertThat(job.tableName()).as("no Sediment table's properties apply").isNull();
        assertThat(job.target()).isEqualTo("Market.Trades");
    }

    @Test
    void shouldTellMergeAndRemergeSpecsApart() {
        byte[] remerge = """
                {"id":"re-1","db":"/db","sourceNamespace":"Market","sourceTable":"Trades","namespace":"Archive",
                 "table":"Trades","partitionColumnValue":"2024-01-02"}""".getBytes();

        assertThat(SubmittedJob.read(JobKind.REMERGE, "re.json", remerge, null).kind()).isEqualTo(JobKind.REMERGE);
        assertThatThrownBy(() -> SubmittedJob.read(JobKind.MERGE, "re.json", remerge, null))
                .hasMessage("re.json: this is a remerge spec (it has sourceNamespace and sourceTable): submit it with --kind remerge");
        assertThatThrownBy(() -> SubmittedJob.read(JobKind.REMERGE, "m.json", """
                {"id":"m-1","db":"/db","namespace":"Market","table":"Trades","partitionColumnValue":"2024-01-02"}""".getBytes(), null))
                .hasMessageStartingWith("m.json: a remerge spec needs 'sourceNamespace' and 'sourceTable'");
    }

    @Test
    void shouldRedactSecretsInTheSpecAsStoredOrPrinted() {
        SubmittedJob job = TestInstances.job("""
                {"id":"a","tableName":"t","files":["f"],"sparkConf":{"spark.hadoop.fs.s3a.secret.key":"s3cr3t",
                 "spark.hadoop.fs.s3a.access.key":"AKIA1","spark.executor.cores":"2"},
                 "platformSpec":{"fs.s3a.session.token":"tok"}}""");

        assertThat(job.redactedJson()).doesNotContain("s3cr3t", "AKIA1", "tok\"")
                .contains("\"spark.hadoop.fs.s3a.secret.key\" : \"***\"", "\"spark.executor.cores\" : \"2\"");
        assertThat(Secrets.find(job)).containsExactly("sparkConf.spark.hadoop.fs.s3a.secret.key",
                "sparkConf.spark.hadoop.fs.s3a.access.key", "platformSpec.fs.s3a.session.token");
    }

    @Test
    void shouldRejectABulkImportSpecWithUnknownFields() {
        assertThatThrownBy(() -> TestInstances.job("""
                {"tableName":"t","files":["f"],"filez":[]}"""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown field 'filez'");
    }
}
