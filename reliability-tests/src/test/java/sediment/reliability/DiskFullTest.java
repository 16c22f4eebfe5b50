package sediment.reliability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance on a real, small file system (a tmpfs mounted for the test; needs root, as CI has) that
 * fills up during a bulk import: one clean error line, nothing committed, and a rerun once there is
 * room imports everything.
 */
class DiskFullTest {
    @TempDir
    Path dir;
    Path mount;

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** A tmpfs of this size; the test is skipped where mounting is not allowed, and fails on CI, which runs as root. */
    private Path mountSmallDisk(String size) throws Exception {
        Path small = dir.resolve("small-disk");
        Files.createDirectories(small);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", small.toString()) == 0;
        assertThat(mounted || System.getenv("CI") == null).as("CI must be able to mount a tmpfs (it runs as root)").isTrue();
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root?)");
        mount = small;
        return small;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFullDiskDuringTheWriteCommitsNothingAndSaysSoInOneLine() throws Exception {
        Path small = mountSmallDisk("256k");
        Fixture f = new Fixture(small);
        f.table("t");
        // Input lives on the big disk; only the table's files go to the 256 KiB one.
        Fixture inputs = new Fixture(dir.resolve("inputs"));
        Path job = inputs.job("full", "t", inputs.input("a", 150_000), Map.of());
        Map<String, String> env = Cli.env("SEDIMENT_INSTANCE", f.root());

        Cli importer = Cli.run(dir, env, "bulk-import", job.toString());

        assertThat(importer.exitCode()).as("%s", importer).isEqualTo(1);
        String error = importer.output().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(
                () -> new AssertionError("no error line: " + importer));
        assertThat(error).contains("nothing was committed", "No space left on device").hasSizeLessThan(600);
        assertThat(importer.output()).doesNotContain("\tat ");
        f.assertIntact("t", Set.of());
        assertThat(f.state("t").version()).isEqualTo(1);
        assertThat(f.strays("t")).as("partial files of the failed run").isEmpty();

        assertThat(run("mount", "-o", "remount,size=64m", small.toString())).isZero();
        Cli rerun = Cli.run(dir, env, "bulk-import", job.toString());
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        f.assertIntact("t", Fixture.values("a", 150_000));
    }

    @Test
    void aDiskThatFillsUpJustBeforeTheCommitCommitsNothingAndFreesItsFiles() throws Exception {
        Path small = mountSmallDisk("16m");
        Fixture f = new Fixture(small);
        f.table("t");
        Fixture inputs = new Fixture(dir.resolve("inputs"));
        Path job = inputs.job("late", "t", inputs.input("a", 20_000), Map.of());
        Map<String, String> env = Cli.env("SEDIMENT_INSTANCE", f.root());

        // Stop the import with its files written, fill the disk to the last byte, and let it commit.
        Map<String, String> stopping = new java.util.HashMap<>(env);
        stopping.put("SEDIMENT_STOP_AT", "bulk-import:before-commit");
        Cli importer = Cli.start(dir, stopping, "bulk-import", job.toString());
        importer.awaitStopped();
        Path filler = small.resolve("filler");
        run("dd", "if=/dev/zero", "of=" + filler, "bs=64k", "status=none");
        importer.signal("CONT");

        assertThat(importer.exitCode()).as("%s", importer).isEqualTo(1);
        String error = importer.output().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow(
                () -> new AssertionError("no error line: " + importer));
        assertThat(error).contains("log entry 2 could not be written", "No space left on device", "nothing was committed");
        assertThat(importer.output()).doesNotContain("\tat ");
        f.assertIntact("t", Set.of());
        assertThat(f.strays("t")).as("the files of the run that could not commit").isEmpty();

        Files.delete(filler);
        Cli rerun = Cli.run(dir, env, "bulk-import", job.toString());
        assertThat(rerun.exitCode()).as("%s", rerun).isZero();
        f.assertIntact("t", Fixture.values("a", 20_000));
    }
}
