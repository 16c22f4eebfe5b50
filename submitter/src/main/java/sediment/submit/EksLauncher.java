package sediment.submit;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * EKS: starts an execution of the bulk import state machine, named after the job id. Step Functions
 * refuses a second execution of the same name, so a job id is never run twice.
 */
public final class EksLauncher implements PlatformLauncher {
    private final SfnClient sfn;

    public EksLauncher(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public String launch(LaunchPlan plan) {
        try {
            StartExecutionResponse response = sfn.startExecution(EksRequests.startExecution(plan));
            return "Step Functions execution " + response.executionArn();
        } catch (ExecutionAlreadyExistsException e) {
            throw new AlreadyLaunchedException("Job " + plan.job().id() + " was already started on EKS: the state machine"
                    + " has an execution named after it (" + e.awsErrorDetails().errorMessage() + ")", e);
        } catch (SdkException e) {
            throw AwsFailure.of("start the EKS state machine for job " + plan.job().id(), e);
        }
    }
}
