package sediment.core.job;

import sediment.core.error.SedimentException;

import java.io.PrintStream;

/**
 * A job's main class in the spark-jobs jar. Launchers in this JVM (the local platform) create it and
 * call {@link #run(JobArguments)}, which returns or throws and never exits the JVM; spark-submit calls
 * its static {@code main}, which is {@link #main(JobMain, String[])}.
 */
public interface JobMain {

    /** Runs the job; a {@link SedimentException} says in one line why it could not. */
    JobResult run(JobArguments arguments);

    /**
     * Parses the arguments, runs the job and prints its summary (warnings and errors on stderr):
     * exit code 0 when it ran, 1 when it failed, 2 for arguments that do not follow the contract.
     */
    static int run(JobMain main, String[] args, PrintStream out, PrintStream err) {
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(args);
        } catch (JobArguments.Usage e) {
            err.println("error: " + main.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        }
        try {
            JobResult result = main.run(arguments);
            out.print(result.summary().endsWith("\n") ? result.summary() : result.summary() + "\n");
            result.warnings().forEach(w -> err.println("warning: " + w));
            return 0;
        } catch (SedimentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The body of a main for spark-submit: exits the JVM only when the job failed, so that spark-submit
     * (and the EMR step, or the driver pod) fails too.
     */
    static void main(JobMain main, String[] args) {
        int code = run(main, args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
