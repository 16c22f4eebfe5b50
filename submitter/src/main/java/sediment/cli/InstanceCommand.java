package sediment.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sediment.core.instance.Instance;

import java.util.concurrent.Callable;

@Command(name = "instance", description = "Manage the instance.", subcommands = InstanceCommand.Init.class,
        footer = {"%nExample:", "  sediment instance init --instance s3a://my-bucket/instance"})
final class InstanceCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: init");
    }

    @Command(name = "init", description = "Create the instance (a directory or URI holding instance.properties and tables/).",
            footer = {"%nExample:", "  sediment instance init --instance /data/sediment"})
    static final class Init implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;

        @Override
        public Integer call() {
            Instance created = Instance.init(instance.location(), null);
            spec.commandLine().getOut().println("Instance ready at " + created.root());
            return 0;
        }
    }
}
