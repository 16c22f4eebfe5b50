package sediment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sediment.core.instance.Instance;
import sediment.core.util.Json;
import sediment.core.job.JobKind;
import sediment.submit.LaunchPlanner;
import sediment.submit.Launchers;
import sediment.submit.Platform;
import sediment.submit.SparkConfLayers;
import sediment.submit.SubmittedJob;
import sediment.submit.Submitter;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "submit", description = {
        "Submit a job spec (JSON) to run on a platform.",
        "The platforms: local (in this process), emr (a transient EMR cluster), persistent-emr (a step on the instance's"
                + " long-running cluster), eks (the Step Functions state machine), emr-serverless (a job run on the instance's EMR"
                + " Serverless application) or, for standard ingest jobs (--kind ingest), ecs (an ECS Fargate task). See"
                + " docs/platforms.md."},
        footer = {"%nExamples:", "  sediment submit job.json --platform emr --dry-run --region eu-west-2",
                "  sediment submit merge.json --kind merge --platform local",
                "  sediment submit ingest.json --kind ingest --platform ecs --region eu-west-2"})
final class SubmitCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;
    @Mixin
    InstanceOption instance;
    @Mixin
    AwsOptions aws;
    @Parameters(index = "0", paramLabel = "JOB.json")
    Path jobFile;
    @Option(names = "--platform", required = true, paramLabel = "PLATFORM",
            description = "local, emr, persistent-emr, eks, emr-serverless, or ecs (ingest jobs only).")
    String platform;
    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "bulk-import",
            description = "bulk-import (default), merge, remerge or ingest; picks the main class unless the spec names a className.")
    String kind;
    @Option(names = "--dry-run", description = "Print the exact AWS requests (JSON) the platform would send, and send nothing.")
    boolean dryRun;
    @Option(names = "--spark-defaults", paramLabel = "FILE",
            description = "Spark defaults every platform starts from (default: conf/spark-defaults.conf of the Sediment home).")
    Path sparkDefaults;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Platform target = Platform.parse(platform);
        SubmittedJob job = SubmittedJob.read(JobKind.parse(kind), jobFile.toString(),
                TableCommand.readLocalFile(jobFile, "Job file"), null);
        Instance opened = instance.open();
        LaunchPlanner planner = new LaunchPlanner(opened, SparkConfLayers.defaults(sparkDefaults));
        if (dryRun) {
            Submitter submitter = new Submitter(planner, null, false);
            spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(submitter.dryRun(job, target, aws.region)));
            if (target.remote() && opened.root().startsWith("file:")) {
                spec.commandLine().getErr().println("warning: the instance " + opened.root()
                        + " is on this machine; a real submission needs an s3a:// instance the cluster can read");
            }
            return 0;
        }
        try (Launchers launchers = new Launchers(target.remote() ? aws.clients() : null)
                .withLocalOutput(spec.commandLine().getOut(), spec.commandLine().getErr())) {
            Submitter.Outcome outcome = new Submitter(planner, launchers, true).submit(job, target);
            spec.commandLine().getOut().println("Submitted job " + outcome.jobId() + " to " + target + ": " + outcome.launchedOn());
        }
        return 0;
    }
}
