package sediment.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sediment.core.error.InvalidInputException;
import sediment.core.instance.SedimentProperties;
import sediment.core.instance.Table;
import sediment.core.gc.GarbageCollector;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "gc", description = {"Delete data files that the table no longer references and that no running job can still"
        + " commit, once older than a grace period.",
        "Files of a run whose heartbeat stopped are deleted only after gc has revoked the run in the table's log, so the"
                + " run can never commit them afterwards. --dry-run lists each file it would delete and why."},
        footer = {"%nExample:", "  sediment gc events --older-than 1h --dry-run"})
final class GcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    HelpOption help;
    @Mixin
    InstanceOption instance;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--older-than", paramLabel = "DURATION",
            description = "Only delete files older than this, e.g. 30s, 10m, 2h, 1d or PT1H (default: sleeper.table.gc.delay.minutes).")
    String olderThan;
    @Option(names = "--dry-run", description = "List what would be deleted and why, and which runs would be revoked, without changing anything.")
    boolean dryRun;

    @Override
    public Integer call() {
        Table table = instance.open().table(name);
        Duration grace = olderThan == null
                ? Duration.ofMinutes(table.settings(Map.of()).getLong(SedimentProperties.GC_DELAY_MINUTES))
                : parseDuration(olderThan);
        GarbageCollector.Result result = GarbageCollector.collect(table, grace, Instant.now(), dryRun);
        java.io.PrintWriter out = spec.commandLine().getOut();
        result.revokedRuns().forEach(r -> out.println((dryRun ? "would revoke " : "revoked ") + r));
        result.deletions().forEach(d -> out.println((dryRun ? "would delete " : "deleted ") + d.path() + " (" + d.reason() + ")"));
        out.println((dryRun ? "Would delete " : "Deleted ") + result.deletions().size() + " unreferenced files; kept " + result.referenced()
                + " referenced, " + result.keptRunning() + " of runs that may still commit and " + result.keptTooNew()
                + " newer than " + grace);
        return 0;
    }

    static Duration parseDuration(String text) {
        String t = text.trim();
        Duration duration;
        try {
            if (t.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                duration = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            } else {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                duration = switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (RuntimeException e) {
            throw new InvalidInputException("--older-than '" + text + "' is not a duration: use e.g. 30s, 10m, 2h, 1d or PT1H");
        }
        if (duration.isNegative()) {
            throw new InvalidInputException("--older-than '" + text + "' is negative: it would delete files of jobs still running");
        }
        return duration;
    }
}
