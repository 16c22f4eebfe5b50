package sediment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.instance.PropertyLayers;
import sediment.core.status.JobStatusStore;
import sediment.submit.AwsClients;
import sediment.submit.AwsFailure;
import sediment.submit.Required;
import sediment.core.instance.SedimentProperties;
import sediment.core.job.JobKind;
import sediment.submit.LaunchPlanner;
import sediment.submit.Launchers;
import sediment.submit.Platform;
import sediment.submit.QueueListener;
import sediment.submit.SparkConfLayers;
import sediment.submit.SubmittedJob;
import sediment.submit.Submitter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "queue", description = "Send job specs to a platform's SQS queue, and launch the jobs on it.",
        footer = {"%nExample:", "  sediment queue send job.json --platform emr --region eu-west-2"},
        subcommands = {QueueCommand.Send.class, QueueCommand.Listen.class})
final class QueueCommand {
    @Mixin
    HelpOption help;

    /**
     * The queue of a kind of job on a platform: ingest jobs have their own queue, whose listener runs each job itself
     * (local) or starts an ECS task for it (ecs).
     */
    static String queueUrl(Instance instance, Platform platform, JobKind kind) {
        // Checked before a listener starts: it would otherwise take every message of the queue and reject each job.
        if (kind == JobKind.INGEST && platform != Platform.LOCAL && platform != Platform.ECS) {
            throw new InvalidInputException("Ingest jobs from " + SedimentProperties.INGEST_JOB_QUEUE_URL.name() + " run without"
                    + " Spark, on --platform local or ecs, not " + platform);
        }
        if (platform == Platform.ECS && kind != JobKind.INGEST) {
            throw new InvalidInputException("The ecs platform runs standard ingest jobs only: use --kind ingest (a " + kind
                    + " needs Spark: use --platform emr, persistent-emr, eks or emr-serverless)");
        }
        return Required.property(PropertyLayers.of(instance.properties(), Map.of()),
                kind == JobKind.INGEST ? SedimentProperties.INGEST_JOB_QUEUE_URL : platform.queueUrlProperty());
    }

    @Command(name = "send", description = {"Check a job spec and send it to the platform's job queue.",
            "The spec is checked exactly as the listener checks it before launching (table, platformSpec, Fargate sizes)."},
            footer = {"%nExample:", "  sediment queue send job.json --platform eks --region eu-west-2"})
    static final class Send implements Callable<Integer> {
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Mixin
        AwsOptions aws;
        @Parameters(index = "0", paramLabel = "JOB.json")
        Path jobFile;
        @Option(names = "--platform", required = true, paramLabel = "PLATFORM", description = "emr, persistent-emr, eks or emr-serverless; local or ecs for ingest jobs.")
        String platform;
        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "bulk-import", description = "bulk-import, merge, remerge or ingest (ingest: --platform local or ecs).")
        String kind;
        @Option(names = "--spark-defaults", paramLabel = "FILE", description = "Spark defaults file (as for submit and listen).")
        Path sparkDefaults;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Platform target = Platform.parse(platform);
            byte[] content = TableCommand.readLocalFile(jobFile, "Job file");
            SubmittedJob job = SubmittedJob.read(JobKind.parse(kind), jobFile.toString(), content, null);
            Instance opened = instance.open();
            // The listener's own check (Submitter.plan), so a job that would be rejected there is not sent.
            new Submitter(new LaunchPlanner(opened, SparkConfLayers.defaults(sparkDefaults)), null, true).plan(job, target);
            String url = queueUrl(opened, target, job.kind());
            try (AwsClients clients = aws.clients(); SqsClient sqs = clients.sqs()) {
                String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody(job.json())).messageId();
                spec.commandLine().getOut().println("Sent job " + job.id() + " to " + url + " (message " + id + ")");
            } catch (SdkException e) {
                throw AwsFailure.of("send job " + job.id() + " to " + url, e);
            }
            return 0;
        }
    }

    @Command(name = "listen", description = {
            "Take job messages from the platform's queue, and check and launch each job.",
            "The queue is sleeper.bulk.import.<platform>.job.queue.url; rejected jobs are recorded with the reason"
                    + " ('sediment status')."},
            footer = {"%nExample:", "  sediment queue listen --platform emr --region eu-west-2 --once"})
    static final class Listen implements Callable<Integer> {
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Mixin
        AwsOptions aws;
        @Option(names = "--platform", required = true, paramLabel = "PLATFORM", description = "emr, persistent-emr, eks or emr-serverless; local or ecs for ingest jobs.")
        String platform;
        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "bulk-import", description = "bulk-import, merge, remerge or ingest (ingest: --platform local or ecs).")
        String kind;
        @Option(names = "--once", description = "Handle one batch of messages, then stop.")
        boolean once;
        @Option(names = "--wait-seconds", paramLabel = "S", defaultValue = "20", description = "Long-poll wait (default: 20).")
        int waitSeconds;
        @Option(names = "--visibility-timeout", paramLabel = "S", defaultValue = "900",
                description = "How long a received message stays hidden while its job is launched (default: 900).")
        int visibilityTimeout;
        @Option(names = "--retry-after", paramLabel = "S", defaultValue = "60",
                description = "How long a message whose launch must be retried stays hidden (default: 60).")
        int retryAfter;
        @Option(names = "--spark-defaults", paramLabel = "FILE", description = "Spark defaults file (as for submit).")
        Path sparkDefaults;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Platform target = Platform.parse(platform);
            Instance opened = instance.open();
            String url = queueUrl(opened, target, JobKind.parse(kind));
            try (Launchers launchers = new Launchers(aws.clients()); AwsClients sqsClients = aws.clients();
                 SqsClient sqs = sqsClients.sqs()) {
                Submitter submitter = new Submitter(new LaunchPlanner(opened, SparkConfLayers.defaults(sparkDefaults)), launchers, true);
                QueueListener listener = new QueueListener(sqs, url, submitter, new JobStatusStore(opened), target,
                        JobKind.parse(kind), Duration.ofSeconds(visibilityTimeout), waitSeconds, Duration.ofSeconds(retryAfter),
                        spec.commandLine().getOut());
                do {
                    listener.pollOnce();
                } while (!once);
            }
            return 0;
        }
    }
}
