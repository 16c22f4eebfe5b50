package sediment.submit;

import sediment.core.job.JobKind;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.status.JobStatus;
import sediment.core.status.JobStatusStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Takes job messages from a platform's SQS queue, checks and launches each, and deletes a message
 * only once its job is launched, found launched before, or rejected with a recorded reason. A message
 * stays on the queue (and comes back after its visibility timeout) whenever the outcome is not
 * settled, so no job is lost; the submission claim on the job id means no job is launched twice.
 */
public final class QueueListener {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Submitter submitter;
    private final JobStatusStore statuses;
    private final Platform platform;
    private final JobKind kind;
    private final Duration visibilityTimeout;
    private final int waitSeconds;
    private final Duration retryLater;
    private final PrintWriter log;

    public enum Result { LAUNCHED, FOUND_LAUNCHED, DUPLICATE, REJECTED, RETRY_LATER }

    /**
     * @param visibilityTimeout how long a received message stays hidden; longer than a launch takes
     * @param retryLater        how long a message whose launch must be retried stays hidden
     */
    public QueueListener(SqsClient sqs, String queueUrl, Submitter submitter, JobStatusStore statuses, Platform platform,
                         JobKind kind, Duration visibilityTimeout, int waitSeconds, Duration retryLater, PrintWriter log) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.submitter = submitter;
        this.statuses = statuses;
        this.platform = platform;
        this.kind = kind;
        this.visibilityTimeout = visibilityTimeout;
        this.waitSeconds = waitSeconds;
        this.retryLater = retryLater;
        this.log = log;
    }

    /** Receives up to 10 messages (waiting up to the wait time for the first) and handles each. */
    public List<Result> pollOnce() {
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(waitSeconds)
                    .visibilityTimeout((int) visibilityTimeout.toSeconds())
                    .build()).messages();
        } catch (SdkException e) {
            throw AwsFailure.of("receive job messages from " + queueUrl, e);
        }
        return messages.stream().map(this::handle).toList();
    }

    Result handle(Message message) {
        String source = "message " + message.messageId();
        SubmittedJob job;
        try {
            // A spec without an id takes the message id, which is the same every time SQS delivers it.
            job = SubmittedJob.read(kind, source, message.body().getBytes(StandardCharsets.UTF_8), message.messageId());
        } catch (InvalidInputException e) {
            statuses.record(JobStatus.accepted(message.messageId(), kind.cliName(), null, platform.cliName())
                    .rejected(e.getMessage()));
            return settle(message, Result.REJECTED, "rejected " + source + ": " + e.getMessage());
        }
        try {
            Submitter.Outcome outcome = submitter.submit(job, platform, visibilityTimeout);
            return settle(message, outcome.earlier() ? Result.FOUND_LAUNCHED : Result.LAUNCHED,
                    (outcome.earlier() ? "found job " : "launched job ") + job.id() + " on " + outcome.launchedOn());
        } catch (AlreadyLaunchedException e) {
            if (e.launched()) {
                return settle(message, Result.DUPLICATE, "job " + job.id() + " was launched before; dropped the repeated message");
            }
            return later(message, "job " + job.id() + ": " + e.getMessage());
        } catch (InvalidInputException e) {
            statuses.record(JobStatus.accepted(job.id(), kind.cliName(), job.target(), platform.cliName()).rejected(e.getMessage()));
            return settle(message, Result.REJECTED, "rejected job " + job.id() + ": " + e.getMessage());
        } catch (AwsFailure e) {
            if (e.retryable()) {
                return later(message, e.getMessage());
            }
            // AWS refused the launch; the submitter recorded the job as rejected with AWS's reason.
            return settle(message, Result.REJECTED, "rejected job " + job.id() + ": " + e.getMessage());
        } catch (SedimentException e) {
            return later(message, "job " + job.id() + ": " + e.getMessage());
        }
    }

    private Result settle(Message message, Result result, String what) {
        log.println(what);
        log.flush();
        try {
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            // The message comes back; its job is recorded as settled, so it is dropped then.
            log.println("could not delete message " + message.messageId() + " (it will be delivered again and dropped): "
                    + e.getMessage());
        }
        return result;
    }

    private Result later(Message message, String why) {
        log.println("will retry message " + message.messageId() + " in " + retryLater.toSeconds() + "s: " + why);
        log.flush();
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) retryLater.toSeconds()));
        } catch (SdkException e) {
            log.println("could not delay message " + message.messageId() + "; it comes back after its visibility timeout");
        }
        return Result.RETRY_LATER;
    }
}
