package sediment.core.run;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of one run of a job: every attempt to run a job id (a rerun, a second copy started
 * by mistake, a queue redelivery) gets its own. Everything a run writes carries its run id, so a
 * run can find and delete exactly its own files and never another run's, whatever the job ids.
 * 80 random bits: two runs never share one.
 */
public final class RunId {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{20}");

    private RunId() {
    }

    public static String next() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean isRunId(String text) {
        return text != null && FORM.matcher(text).matches();
    }
}
