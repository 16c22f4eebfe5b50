package sediment.core.job;

import sediment.core.error.InvalidInputException;

import java.util.List;

/**
 * The arguments every launcher passes a job's main class, and every main reads:
 * {@code --instance URI [--platform NAME] JOB.json}. The job spec is a path or URI on any file system
 * the job can read; the platform names where the job runs in its status records.
 *
 * @param platform where the job runs (local, emr, persistent-emr, eks); {@value #BY_HAND} when
 *                 spark-submit was run by hand without {@code --platform}
 */
public record JobArguments(String instance, String platform, String jobUri) {
    public static final String USAGE = "--instance URI [--platform NAME] JOB.json";
    /** The platform of a job started with spark-submit directly, not by a Sediment launcher. */
    public static final String BY_HAND = "spark-submit";

    public List<String> toList() {
        return List.of("--instance", instance, "--platform", platform, jobUri);
    }

    /** Parses the arguments; a usage problem is an {@link Usage} naming what is wrong. */
    public static JobArguments parse(String[] args) {
        String instance = null;
        String platform = BY_HAND;
        String job = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--instance") || a.equals("--platform")) && i + 1 >= args.length) {
                throw new Usage(a + " needs a value");
            }
            if (a.equals("--instance")) {
                instance = args[++i];
            } else if (a.equals("--platform")) {
                platform = args[++i];
            } else if (a.startsWith("-")) {
                throw new Usage("unknown option " + a);
            } else if (job != null) {
                throw new Usage("unexpected argument " + a + " after the job spec " + job);
            } else {
                job = a;
            }
        }
        if (instance == null) {
            throw new Usage("--instance is missing");
        }
        if (job == null) {
            throw new Usage("the job spec (JOB.json) is missing");
        }
        return new JobArguments(instance, platform, job);
    }

    /** The arguments do not follow the contract. */
    public static final class Usage extends InvalidInputException {
        Usage(String message) {
            super(message + "; usage: " + USAGE);
        }
    }
}
