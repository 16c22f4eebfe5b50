package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyLayers;
import sediment.core.instance.SedimentProperties;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.ApplicationSummary;

import java.util.List;
import java.util.Map;

/** The instance's EMR Serverless application: found by id or name, created once. */
public final class EmrServerlessApplication {
    /** Every state but TERMINATED: an application that can still run jobs (a stopped one starts on its first job). */
    private static final List<ApplicationState> LIVE = List.of(ApplicationState.CREATING, ApplicationState.CREATED,
            ApplicationState.STARTING, ApplicationState.STARTED, ApplicationState.STOPPING, ApplicationState.STOPPED);

    private final EmrServerlessClient client;
    private final PropertyLayers settings;

    /** @param created false when an application of that name was already there */
    public record Result(String applicationId, String name, boolean created) {
    }

    public EmrServerlessApplication(EmrServerlessClient client, Map<String, String> instanceProperties) {
        this(client, PropertyLayers.of(instanceProperties, Map.of()));
    }

    EmrServerlessApplication(EmrServerlessClient client, PropertyLayers settings) {
        this.client = client;
        this.settings = settings;
    }

    public String name() {
        return EmrServerlessRequests.applicationName(settings);
    }

    /** Creates the application unless one of its name is already live. */
    public Result create() {
        List<ApplicationSummary> existing = live(name());
        if (!existing.isEmpty()) {
            return new Result(existing.get(0).id(), name(), false);
        }
        try {
            return new Result(client.createApplication(EmrServerlessRequests.createApplication(settings)).applicationId(), name(), true);
        } catch (SdkException e) {
            throw AwsFailure.of("create EMR Serverless application " + name(), e);
        }
    }

    /** The application jobs run on: the id property if set, else the one live application of the name. */
    public String applicationId() {
        var id = settings.find(SedimentProperties.EMR_SERVERLESS_APPLICATION_ID).filter(v -> !v.isBlank());
        if (id.isPresent()) {
            return id.get();
        }
        List<ApplicationSummary> matches = live(name());
        if (matches.isEmpty()) {
            throw new InvalidInputException("No EMR Serverless application named " + name() + ": create it with 'sediment emr"
                    + " serverless create-application', or set " + SedimentProperties.EMR_SERVERLESS_APPLICATION_ID.name());
        }
        if (matches.size() > 1) {
            throw new InvalidInputException("More than one EMR Serverless application is named " + name() + ": "
                    + matches.stream().map(ApplicationSummary::id).toList() + "; set "
                    + SedimentProperties.EMR_SERVERLESS_APPLICATION_ID.name() + " to the one to use");
        }
        return matches.get(0).id();
    }

    private List<ApplicationSummary> live(String name) {
        try {
            return client.listApplicationsPaginator(r -> r.states(LIVE)).applications().stream()
                    .filter(a -> name.equals(a.name())).toList();
        } catch (SdkException e) {
            throw AwsFailure.of("list EMR Serverless applications", e);
        }
    }
}
