package sediment.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.testutil.TempInstance;
import sediment.core.util.Json;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {
    @TempDir
    Path tmp;

    @Test
    void shouldShowJobsInTextAndJson() throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        assertThat(Cli.run("status", "--instance", instance.root()).succeeded().out()).isEqualTo("No jobs yet.\n");
        JobStatusStore store = new JobStatusStore(instance.instance());
        store.record(JobStatus.accepted("job-1", "bulk-import", "t", "local").started().finished(10, 1, 1.0, null));

        assertThat(Cli.run("status", "--instance", instance.root()).succeeded().out()).contains("job-1", "FINISHED", "rows=10");
        JsonNode json = Json.MAPPER.readTree(Cli.run("status", "job-1", "--json", "--instance", instance.root()).succeeded().out());
        assertThat(json.get("state").textValue()).isEqualTo("FINISHED");
        assertThat(json.get("rows").longValue()).isEqualTo(10);
        assertThat(Json.MAPPER.readTree(Cli.run("status", "--json", "--instance", instance.root()).succeeded().out()).isArray()).isTrue();
    }

    @Test
    void shouldReportAnUnknownJob() {
        TempInstance instance = TempInstance.create(tmp);
        assertThat(Cli.run("status", "nope", "--instance", instance.root()).userError()).isEqualTo("No job with id 'nope' in this instance");
    }
}
