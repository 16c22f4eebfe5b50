package sediment.spark.internal;

import sediment.core.error.SedimentException;

/** The Spark this build uses internal APIs of, for messages when one of them is missing at run time. */
public final class SparkVersion {
    private SparkVersion() {
    }

    /** The Spark line the internal calls here were written for. */
    public static final String NEEDED = "3.5";

    /** The Spark on the classpath. */
    public static String running() {
        try {
            return org.apache.spark.package$.MODULE$.SPARK_VERSION();
        } catch (LinkageError e) {
            return "(unknown version)";
        }
    }

    /** The error for an internal API that is not there or not as expected: it names the version needed. */
    public static SedimentException unavailable(String api, Throwable cause) {
        return new SedimentException(api + " is not available on Spark " + running() + ": Sediment uses it as in Spark "
                + NEEDED + ".x (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
    }
}
