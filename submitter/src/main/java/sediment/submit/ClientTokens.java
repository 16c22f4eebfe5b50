package sediment.submit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Idempotency tokens for AWS requests that take one (EMR Serverless's StartJobRun and CreateApplication, ECS's
 * RunTask): the same input gives the same token, so a request the SDK retries after a lost answer is recognised by
 * AWS as the first one and starts nothing a second time.
 */
public final class ClientTokens {
    private ClientTokens() {
    }

    /** 64 hex characters, within every such API's limit (at most 64 of [A-Za-z0-9._-]). */
    public static String of(String input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of one job of one instance: a job id launches once per instance. */
    public static String forJob(LaunchPlan plan) {
        return of(plan.instanceRoot() + "\n" + plan.job().id());
    }
}
