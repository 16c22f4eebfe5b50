package sediment.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sediment.core.instance.Instance;

import java.util.concurrent.Callable;

@Command(name = "instance", description = "Manage the instance.", subcommands = InstanceCommand.Init.class)
final class InstanceCommand {

    @Command(name = "init", description = "Create the instance (a directory or URI holding instance.properties and tables/).")
    static final class Init implements Callable<Integer> {
        @Mixin
        InstanceOption instance;

        @Override
        public Integer call() {
            Instance created = Instance.init(instance.location(), null);
            System.out.println("Instance ready at " + created.root());
            return 0;
        }
    }
}
