package sediment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sediment.core.util.Json;
import sediment.submit.AwsClients;
import sediment.submit.DryRunHttpClient;
import sediment.submit.EmrServerlessApplication;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "serverless", description = "Manage the instance's EMR Serverless application.",
        footer = {"%nExample:", "  sediment emr serverless create-application --region eu-west-2"},
        subcommands = {EmrServerlessCommand.CreateApplication.class})
final class EmrServerlessCommand {
    @Mixin
    HelpOption help;

    @Command(name = "create-application", description = {
            "Create the EMR Serverless application that 'submit --platform emr-serverless' starts job runs on, and print its id.",
            "It is named by sleeper.bulk.import.emr.serverless.application.name (default sleeper-<sleeper.id>-emr-serverless)"
                    + " with the release label sleeper.bulk.import.emr.serverless.release.label; nothing is done if an"
                    + " application of that name exists."},
            footer = {"%nExample:", "  sediment emr serverless create-application --region eu-west-2"})
    static final class CreateApplication implements Callable<Integer> {
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Mixin
        AwsOptions aws;
        @Option(names = "--dry-run", description = "Print the exact AWS requests (JSON) and send nothing.")
        boolean dryRun;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, String> properties = instance.open().properties();
            if (dryRun) {
                spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(DryRunHttpClient.requestsOf(aws.region,
                        Map.of("POST /applications", "{\"applicationId\":\"DRYRUN\",\"name\":\"dry-run\",\"arn\":\"dry-run\"}"),
                        clients -> {
                            try (var client = clients.emrServerless()) {
                                new EmrServerlessApplication(client, properties).create();
                            }
                        })));
                return 0;
            }
            try (AwsClients clients = aws.clients(); var client = clients.emrServerless()) {
                EmrServerlessApplication.Result result = new EmrServerlessApplication(client, properties).create();
                spec.commandLine().getOut().println(result.created()
                        ? "Created EMR Serverless application " + result.name() + ": " + result.applicationId()
                        : "EMR Serverless application " + result.name() + " already exists: " + result.applicationId());
            }
            return 0;
        }
    }
}
