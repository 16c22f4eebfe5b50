package sediment.cli;

import picocli.CommandLine.Option;
import sediment.core.instance.Instance;

/** The {@code --instance} option every command shares. */
public final class InstanceOption {
    @Option(names = "--instance", paramLabel = "URI",
            description = "The instance directory or URI (default: $SEDIMENT_INSTANCE, else ./sediment-instance).")
    String location;

    public String location() {
        return Instance.location(location);
    }

    public Instance open() {
        return Instance.open(location());
    }
}
