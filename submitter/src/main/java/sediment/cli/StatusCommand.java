package sediment.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import sediment.core.util.Json;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Show the status of jobs: accepted, started, finished or failed.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Mixin
    InstanceOption instance;
    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB_ID")
    String jobId;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        JobStatusStore store = new JobStatusStore(instance.open());
        List<JobStatus> statuses = jobId == null ? store.all() : List.of(store.get(jobId));
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(jobId == null ? statuses : statuses.get(0)));
            return 0;
        }
        if (statuses.isEmpty()) {
            out.println("No jobs yet.");
        }
        for (JobStatus s : statuses) {
            out.println(s.summary());
        }
        return 0;
    }
}
