package sediment.spark;

import org.apache.spark.sql.SparkSession;

/** The one local SparkSession every test in this JVM shares; starting one costs seconds. */
public final class TestSpark {
    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2,3]") // 3 attempts per task, so injected failures are retried
                .appName("sediment-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                // as conf/spark-defaults.conf sets it for every platform: what tasks return must survive Kryo
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .getOrCreate();
    }
}
