package sediment.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.Instance;
import sediment.core.instance.Table;
import sediment.core.key.KeyText;
import sediment.core.log.TransactionLog;
import sediment.core.partition.SplitPointsReader;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.schema.SchemaSerDe;
import sediment.core.table.SplitPartition;
import sediment.core.table.TableDescription;
import sediment.core.table.TableState;
import sediment.core.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "table", description = "Create, describe and split tables.",
        footer = {"%nExample:", "  sediment table describe events --json"},
        subcommands = {TableCommand.Create.class, TableCommand.Describe.class, TableCommand.Split.class, TableCommand.ListTables.class})
final class TableCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: create, describe, split or list");
    }

    static byte[] readLocalFile(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(what + " " + path + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + what + " " + path + ": " + e.getMessage());
        }
    }

    @Command(name = "create", description = "Create a table from a schema file, optionally pre-split at split points.",
            footer = {"%nExample:", "  sediment table create events --schema schema.json --split-points splits.txt"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--schema", required = true, paramLabel = "FILE", description = "Schema JSON (Sleeper's form).")
        Path schemaFile;
        @Option(names = "--split-points", paramLabel = "FILE",
                description = "Split points on the first row key: one per line in the key's text form, or a JSON array.")
        Path splitPointsFile;
        @Option(names = "--property", paramLabel = "KEY=VALUE", description = "A table property (sleeper.table.*).")
        Map<String, String> properties = new LinkedHashMap<>();

        @Override
        public Integer call() {
            Schema schema = SchemaSerDe.read(schemaFile.toString(), readLocalFile(schemaFile, "Schema file"));
            List<Object> splitPoints = splitPointsFile == null ? List.of()
                    : SplitPointsReader.read(splitPointsFile.toString(), readLocalFile(splitPointsFile, "Split points file"),
                    schema.rowKeyTypes().get(0));
            List<String> unknown = Instance.unknownProperties(properties);
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("Unknown table properties: " + String.join(", ", unknown) + " (see docs/properties.md)");
            }
            Instance opened = instance.open();
            Table table;
            try {
                table = opened.createTable(name, schema, splitPoints, properties);
            } catch (InvalidInputException e) {
                if (splitPointsFile != null && e.getMessage().startsWith("Split points")) {
                    throw new InvalidInputException(splitPointsFile + ": " + e.getMessage());
                }
                throw e;
            }
            TableState state = table.state();
            spec.commandLine().getOut().println("Created table " + name + " with " + state.partitions().leaves().size() + " leaf partitions in "
                    + opened.root());
            return 0;
        }
    }

    @Command(name = "describe", description = "Show a table's partitions and files.",
            footer = {"%nExample:", "  sediment table describe events --json --version 3"})
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "Print the stable JSON form (docs/cli.md).")
        boolean json;
        @Option(names = "--version", paramLabel = "N", description = "Describe the table as of log version N.")
        Long version;

        @Override
        public Integer call() throws IOException {
            Table table = instance.open().table(name);
            TableState state = version == null ? table.state() : table.log().stateAt(version);
            if (json) {
                spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(TableDescription.json(state, table.path())));
            } else {
                spec.commandLine().getOut().print(TableDescription.text(state, table.path()));
            }
            return 0;
        }
    }

    @Command(name = "split", description = {"Split a leaf partition in two at a value of one row-key field.",
            "With --auto, split every leaf holding more than sleeper.table.partition.splitting.threshold rows near its median."},
            footer = {"%nExamples:", "  sediment table split events --partition p01 --at 5000", "  sediment table split events --auto"})
    static final class Split implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--partition", paramLabel = "ID", description = "The leaf partition to split, e.g. p1 (see table describe).")
        String partitionId;
        @Option(names = "--at", paramLabel = "VALUE", description = "The split point in the key's text form.")
        String at;
        @Option(names = "--dimension", paramLabel = "N", description = "Which row-key field to split on (0-based, default 0).")
        int dimension;
        @Option(names = "--auto", description = "Split every leaf over the table's sleeper.table.partition.splitting.threshold"
                + " at a point computed from its data (docs/compaction.md).")
        boolean auto;

        @Override
        public Integer call() {
            if (auto) {
                if (partitionId != null || at != null) {
                    throw new InvalidInputException("--auto chooses the leaves and split points itself: drop --partition and --at");
                }
                return AutoSplitCommand.run(instance.open().table(name), spec.commandLine().getOut());
            }
            if (partitionId == null || at == null) {
                throw new InvalidInputException("--partition and --at are needed to split by hand (or use --auto)");
            }
            Table table = instance.open().table(name);
            TransactionLog log = table.log();
            TableState state = log.readState();
            List<PrimitiveType> types = state.schema().rowKeyTypes();
            if (dimension < 0 || dimension >= types.size()) {
                throw new InvalidInputException("--dimension " + dimension + " is not a row-key field index (0 to "
                        + (types.size() - 1) + ")");
            }
            Object value;
            try {
                value = KeyText.parse(types.get(dimension), at);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--at " + e.getMessage() + " (row-key field '"
                        + state.schema().rowKeyFields().get(dimension).name() + "')");
            }
            SplitPartition split = new SplitPartition(partitionId, dimension, value);
            try {
                split.validate(state);
            } catch (sediment.core.error.CommitConflictException e) {
                throw new InvalidInputException(e.getMessage());
            }
            TransactionLog.CommitResult result = log.commit(split);
            spec.commandLine().getOut().println("Split partition " + partitionId + " into " + partitionId + "0 and " + partitionId + "1 at "
                    + at + " (table version " + result.version() + ")");
            return 0;
        }
    }

    @Command(name = "list", description = "List the instance's tables.",
            footer = {"%nExample:", "  sediment table list --instance s3a://my-bucket/instance"})
    static final class ListTables implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        HelpOption help;
        @Mixin
        InstanceOption instance;

        @Override
        public Integer call() {
            instance.open().tableNames().forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }
}
