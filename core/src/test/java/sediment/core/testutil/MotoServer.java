package sediment.core.testutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto (an independent implementation of the AWS APIs, in Python) as a server in a process of its own, on a
 * free loopback port. The Python side asks the OS for the port (port 0) and prints it, so no two test JVMs can
 * race for one; it runs until its stdin closes or it is stopped by its process id. Credentials and region are
 * any: moto accepts every signature.
 */
public final class MotoServer implements AutoCloseable {
    public static final String REGION = "eu-west-2";
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";

    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from moto.server import ThreadedMotoServer",
            "server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)",
            "server.start()",
            "print(server.get_host_and_port()[1], flush=True)",
            "sys.stdin.read()",
            "server.stop()");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts moto and waits until it answers; fails (never skips) when moto is not installed. */
    public static MotoServer start() throws IOException, InterruptedException {
        Path log = Files.createTempFile("moto-", ".log");
        String python = System.getenv().getOrDefault("SEDIMENT_PYTHON", "python3");
        Process process;
        try {
            process = new ProcessBuilder(List.of(python, "-u", "-c", SCRIPT))
                    .redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(missing(python + " cannot be started: " + e.getMessage()), e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.trim().matches("\\d+")) {
            process.waitFor(5, TimeUnit.SECONDS);
            stop(process);
            throw new IllegalStateException(missing("it printed " + line + "; its errors: " + Files.readString(log).trim()));
        }
        MotoServer server = new MotoServer(process, Integer.parseInt(line.trim()), log);
        server.awaitAnswer();
        return server;
    }

    private static String missing(String why) {
        return "moto's server mode is needed for these tests and did not start (" + why + "). Install it with"
                + " pip install 'moto[server]==5.2.1' boto3, or point SEDIMENT_PYTHON at a Python that has it";
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited while starting: " + Files.readString(log).trim());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/data.json").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("moto did not answer on " + endpoint() + " within " + START_TIMEOUT.toSeconds() + " s", last);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Forgets everything moto holds (buckets, clusters, queues, ...), for a test that needs a clean account. */
    public void reset() throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().close();
        if (c.getResponseCode() != 200) {
            throw new IOException("moto reset answered " + c.getResponseCode());
        }
    }

    /** Hadoop settings that point S3A (and Sediment's S3 client, which reads the same ones) at this server. */
    public String coreSiteXml() {
        return """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>fs.s3a.endpoint</name><value>%s</value></property>
                  <property><name>fs.s3a.endpoint.region</name><value>%s</value></property>
                  <property><name>fs.s3a.path.style.access</name><value>true</value></property>
                  <property><name>fs.s3a.connection.ssl.enabled</name><value>false</value></property>
                  <property><name>fs.s3a.access.key</name><value>%s</value></property>
                  <property><name>fs.s3a.secret.key</name><value>%s</value></property>
                  <property><name>fs.s3a.aws.credentials.provider</name><value>org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider</value></property>
                  <!-- fail in seconds, not after S3A's minutes of retries, when a test gets something wrong -->
                  <property><name>fs.s3a.attempts.maximum</name><value>2</value></property>
                  <property><name>fs.s3a.retry.limit</name><value>2</value></property>
                </configuration>
                """.formatted(endpoint(), REGION, ACCESS_KEY, SECRET_KEY);
    }

    /** Stops the server by its process id: politely, then forcibly. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close(); // the script stops the server when its stdin closes
        } catch (IOException ignored) {
            // already gone
        }
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroy();
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception stillNot) {
                    handle.destroyForcibly();
                }
            }
        });
    }
}
