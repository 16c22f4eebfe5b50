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
import sediment.submit.CombinedStatus;

import sediment.core.instance.Instance;
import sediment.core.run.RunRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", description = {"Show the status of jobs: accepted, started, finished or failed; a started job"
        + " whose heartbeat stopped is marked probably dead.",
        "For one job launched on a cluster, the platform is asked too: the job is shown RUNNING, FAILED with the"
                + " platform's reason, or LOST when the platform ended it without an outcome, with where to look."},
        footer = {"%nExamples:", "  sediment status events-2026-11-21 --json", "  sediment status job-1 --region eu-west-2"})
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
    @Mixin
    AwsOptions aws;
    @Option(names = "--no-platform", description = "For a job launched on a cluster, show only its own records and do not"
            + " ask the platform (EMR, Step Functions, EMR Serverless) where it is.")
    boolean noPlatform;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Instance opened = instance.open();
        JobStatusStore store = new JobStatusStore(opened);
        List<JobStatus> statuses = (jobId == null ? store.all() : List.of(store.get(jobId))).stream()
                .map(s -> withLiveness(opened, s, Instant.now())).toList();
        if (jobId != null && !noPlatform) {
            CombinedStatus combined = PlatformStatusLookup.combine(opened, statuses.get(0), aws, spec.commandLine().getErr());
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(combined.json()));
            } else {
                combined.lines().forEach(out::println);
            }
            return 0;
        }
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

    /**
     * A started job whose run has stopped beating its heartbeat is shown as probably dead: its process
     * was killed or lost, and no outcome will ever be recorded unless the job is run again.
     */
    static JobStatus withLiveness(Instance instance, JobStatus status, Instant now) {
        if (status.state() != JobStatus.State.STARTED || status.runId() == null || status.tableName() == null
                || !instance.tableExists(status.tableName())) {
            return status;
        }
        RunRegistry runs = RunRegistry.of(instance.table(status.tableName()));
        Optional<RunRegistry.RunRecord> run = runs.find(status.runId());
        if (run.isPresent() && run.get().mayStillCommit(runs.leaseTimeout(), now)) {
            return status;
        }
        String last = run.map(r -> r.lastBeat() == null ? "no heartbeat"
                : "no heartbeat for " + Duration.between(r.lastBeat(), now).toSeconds() + " s").orElse("its run record is gone");
        return status.withReason("probably dead: " + last + " from run " + status.runId()
                + "; rerun the job with the same id (a rerun never duplicates rows)");
    }
}
