package sediment.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sediment.core.util.Json;
import sediment.submit.AwsClients;
import sediment.submit.DryRunHttpClient;
import sediment.submit.PersistentCluster;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "emr", description = "Manage the instance's persistent EMR cluster and its EMR Serverless application.",
        footer = {"%nExamples:", "  sediment emr create-persistent-cluster --dry-run --region eu-west-2",
                "  sediment emr serverless create-application --region eu-west-2"},
        subcommands = {EmrCommand.Create.class, EmrCommand.Terminate.class, EmrServerlessCommand.class})
final class EmrCommand {
    @Mixin
    HelpOption help;

    @Command(name = "create-persistent-cluster", description = {
            "Create the long-running EMR cluster that 'submit --platform persistent-emr' adds steps to.",
            "It is configured by the instance's sleeper.bulk.import.persistent.emr.* properties; nothing is done if it is"
                    + " already running."},
            footer = {"%nExample:", "  sediment emr create-persistent-cluster --region eu-west-2"})
    static final class Create implements Callable<Integer> {
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
                        Map.of("ElasticMapReduce.RunJobFlow", "{\"JobFlowId\":\"j-DRYRUN\"}"), clients -> {
                            try (var emr = clients.emr()) {
                                new PersistentCluster(emr, properties).create();
                            }
                        })));
                return 0;
            }
            try (AwsClients clients = aws.clients(); var emr = clients.emr()) {
                PersistentCluster cluster = new PersistentCluster(emr, properties);
                PersistentCluster.Result result = cluster.create();
                spec.commandLine().getOut().println(result.created()
                        ? "Creating persistent EMR cluster " + cluster.name() + ": " + result.clusterId()
                        : "Persistent EMR cluster " + cluster.name() + " is already active: " + result.clusterId());
            }
            return 0;
        }
    }

    @Command(name = "terminate-persistent-cluster", description = "Terminate the instance's persistent EMR cluster.",
            footer = {"%nExample:", "  sediment emr terminate-persistent-cluster --region eu-west-2"})
    static final class Terminate implements Callable<Integer> {
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Mixin
        AwsOptions aws;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (AwsClients clients = aws.clients(); var emr = clients.emr()) {
                PersistentCluster cluster = new PersistentCluster(emr, instance.open().properties());
                spec.commandLine().getOut().println("Terminating persistent EMR cluster " + cluster.name() + ": " + cluster.terminate());
            }
            return 0;
        }
    }
}
