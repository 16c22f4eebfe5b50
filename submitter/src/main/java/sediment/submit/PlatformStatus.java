package sediment.submit;

import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.FailureDetails;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the platform a job was launched on where it is: the EMR step (DescribeCluster, ListSteps or
 * DescribeStep), the Step Functions execution (DescribeExecution) or the EMR Serverless job run
 * (GetJobRun), or the ECS task (DescribeTasks). It reads the ids from the submission record, in the form each
 * launcher writes them.
 */
public final class PlatformStatus {
    private static final Pattern TRANSIENT = Pattern.compile("EMR cluster (\\S+) \\(.*\\)");
    private static final Pattern PERSISTENT = Pattern.compile("step (\\S+) on persistent EMR cluster (\\S+)( \\(.*\\))?");
    private static final Pattern EXECUTION = Pattern.compile("Step Functions execution (\\S+)");
    private static final Pattern JOB_RUN = Pattern.compile("EMR Serverless job run (\\S+) on application (\\S+)");
    private static final Pattern ECS_TASK = Pattern.compile("ECS task (\\S+) on cluster (\\S+)");

    private final Launchers clients;
    private final String region;
    private final PropertyLayers settings;

    /** @param region the region the clients talk to, for console links */
    public PlatformStatus(Launchers clients, String region, Map<String, String> instanceProperties) {
        this.clients = clients;
        this.region = region;
        this.settings = PropertyLayers.of(instanceProperties, Map.of());
    }

    /** The platform's view of a launched job; empty for the local platform or a record it cannot read. */
    public Optional<PlatformView> ask(String jobId, SubmissionStore.Submission submission) {
        String on = submission.launchedOn();
        if (on == null) {
            return Optional.empty();
        }
        Matcher m;
        try {
            if ((m = ECS_TASK.matcher(on)).matches()) {
                return Optional.of(new EcsTaskStatus(clients.ecs(), region).view(submission, m.group(2), m.group(1)));
            } else if ((m = JOB_RUN.matcher(on)).matches()) {
                return Optional.of(jobRun(submission, m.group(2), m.group(1)));
            } else if ((m = PERSISTENT.matcher(on)).matches()) {
                String clusterId = m.group(2);
                String stepId = m.group(1);
                Step step = clients.emr().describeStep(r -> r.clusterId(clusterId).stepId(stepId)).step();
                return Optional.of(step(submission, clusterId, step, null));
            } else if ((m = TRANSIENT.matcher(on)).matches()) {
                return Optional.of(transientCluster(submission, m.group(1)));
            } else if ((m = EXECUTION.matcher(on)).matches()) {
                return Optional.of(execution(jobId, submission, m.group(1)));
            }
        } catch (SdkException e) {
            throw AwsFailure.of("ask " + submission.platform() + " about job " + jobId + " (" + on + ")", e);
        }
        return Optional.empty();
    }

    private PlatformView transientCluster(SubmissionStore.Submission submission, String clusterId) {
        Cluster cluster = clients.emr().describeCluster(r -> r.clusterId(clusterId)).cluster();
        List<software.amazon.awssdk.services.emr.model.StepSummary> steps = clients.emr()
                .listStepsPaginator(r -> r.clusterId(clusterId)).steps().stream().toList();
        if (steps.isEmpty()) {
            return view(submission, "cluster " + cluster.status().stateAsString(), clusterEnded(cluster), false,
                    clusterReason(cluster), emrLook(clusterId, null, cluster.logUri()));
        }
        Step step = clients.emr().describeStep(r -> r.clusterId(clusterId).stepId(steps.get(0).id())).step();
        return step(submission, clusterId, step, cluster);
    }

    /**
     * A job's step. On a transient cluster, a cluster that terminated before its step ended ended the job too
     * (EMR may leave such a step PENDING or RUNNING), with the cluster's reason.
     */
    private PlatformView step(SubmissionStore.Submission submission, String clusterId, Step step, Cluster cluster) {
        StepState state = step.status().state();
        boolean stepEnded = state == StepState.COMPLETED || state == StepState.FAILED || state == StepState.CANCELLED
                || state == StepState.INTERRUPTED;
        String logUri = cluster != null ? cluster.logUri() : clients.emr().describeCluster(r -> r.clusterId(clusterId)).cluster().logUri();
        List<String> look = emrLook(clusterId, step.id(), logUri);
        if (!stepEnded && cluster != null && clusterEnded(cluster)) {
            return view(submission, "step " + step.status().stateAsString() + ", cluster " + cluster.status().stateAsString(),
                    true, false, "the cluster ended before the step did: " + clusterReason(cluster), look);
        }
        return view(submission, "step " + step.status().stateAsString(), stepEnded, state == StepState.COMPLETED,
                stepEnded && state != StepState.COMPLETED ? stepReason(step) : null, look);
    }

    private static boolean clusterEnded(Cluster cluster) {
        String s = cluster.status().stateAsString();
        return s.equals("TERMINATING") || s.equals("TERMINATED") || s.equals("TERMINATED_WITH_ERRORS");
    }

    private static String clusterReason(Cluster cluster) {
        var change = cluster.status().stateChangeReason();
        return change == null ? cluster.status().stateAsString()
                : String.join(": ", List.of(String.valueOf(change.codeAsString()), String.valueOf(change.message())));
    }

    private static String stepReason(Step step) {
        FailureDetails failure = step.status().failureDetails();
        if (failure != null && (failure.reason() != null || failure.message() != null)) {
            return String.join("; ", java.util.stream.Stream.of(failure.reason(), failure.message(),
                    failure.logFile() == null ? null : "log " + failure.logFile()).filter(v -> v != null).toList());
        }
        var change = step.status().stateChangeReason();
        return change != null && change.message() != null ? change.message() : "the step is " + step.status().stateAsString();
    }

    private List<String> emrLook(String clusterId, String stepId, String logUri) {
        List<String> look = new ArrayList<>();
        look.add("EMR console: https://" + region + ".console.aws.amazon.com/emr/home?region=" + region + "#/clusterDetails/" + clusterId);
        if (logUri != null && !logUri.isBlank()) {
            look.add("logs: " + slash(logUri) + clusterId + (stepId == null ? "/" : "/steps/" + stepId + "/ (stderr.gz, stdout.gz)"));
        } else {
            look.add("logs: none are kept after the cluster ends (set " + SedimentProperties.EMR_LOG_URI.name() + ")");
        }
        look.add("Spark UI: the cluster's Spark history server, under Applications in the EMR console");
        return look;
    }

    private PlatformView execution(String jobId, SubmissionStore.Submission submission, String arn) {
        DescribeExecutionResponse execution = clients.sfn().describeExecution(r -> r.executionArn(arn));
        ExecutionStatus status = execution.status();
        boolean ended = status != ExecutionStatus.RUNNING && status != ExecutionStatus.PENDING_REDRIVE;
        String reason = !ended || status == ExecutionStatus.SUCCEEDED ? null
                : String.join(": ", java.util.stream.Stream.of(status.toString(), execution.error(), execution.cause())
                .filter(v -> v != null && !v.isBlank()).toList());
        String namespace = EksRequests.namespace(settings);
        return view(submission, "execution " + execution.statusAsString(), ended, status == ExecutionStatus.SUCCEEDED, reason, List.of(
                "Step Functions console: https://" + region + ".console.aws.amazon.com/states/home?region=" + region
                        + "#/v2/executions/details/" + arn,
                "driver logs: kubectl logs -n " + namespace + " pods/" + jobId,
                "spark-submit logs: kubectl logs -n " + namespace + " -l sediment-job-id=" + jobId
                        + ",app.kubernetes.io/name=sediment-spark-submit",
                "Spark UI: kubectl port-forward -n " + namespace + " " + jobId + " 4040:4040, then http://localhost:4040"));
    }

    private PlatformView jobRun(SubmissionStore.Submission submission, String applicationId, String jobRunId) {
        JobRun run = clients.emrServerless().getJobRun(r -> r.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
        JobRunState state = run.state();
        boolean ended = state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        String reason = ended && state != JobRunState.SUCCESS
                ? state + (run.stateDetails() == null || run.stateDetails().isBlank() ? "" : ": " + run.stateDetails()) : null;
        List<String> look = new ArrayList<>();
        look.add("EMR console (EMR Serverless, region " + region + "): application " + applicationId + ", job run " + jobRunId);
        settings.find(SedimentProperties.EMR_LOG_URI).filter(v -> !v.isBlank()).ifPresentOrElse(
                uri -> look.add("logs: " + slash(uri) + "applications/" + applicationId + "/jobs/" + jobRunId
                        + "/ (SPARK_DRIVER/stderr.gz)"),
                () -> look.add("logs: kept by EMR Serverless for 30 days, in the console (set "
                        + SedimentProperties.EMR_LOG_URI.name() + " to keep them in S3)"));
        look.add("Spark UI: aws emr-serverless get-dashboard-for-job-run --application-id " + applicationId
                + " --job-run-id " + jobRunId + " --region " + region);
        return view(submission, "job run " + run.stateAsString(), ended, state == JobRunState.SUCCESS, reason, look);
    }

    static PlatformView view(SubmissionStore.Submission submission, String state, boolean ended, boolean succeeded,
                             String reason, List<String> look) {
        return new PlatformView(submission.platform(), submission.launchedOn(), state, ended, succeeded, reason, look);
    }

    private static String slash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
