package sediment.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sediment.core.error.InvalidInputException;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * A job spec's bytes, from whatever file system the job's URI names (s3a://, hdfs://, file:): Spark jobs are
 * handed the spec's location, not its text, so that a cluster step reads the spec the submitter stored.
 */
public final class JobSpecFile {
    private JobSpecFile() {
    }

    public static byte[] read(String location, Configuration conf) {
        Path path = new Path(location);
        try (var in = path.getFileSystem(conf).open(path)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new InvalidInputException("Job spec " + location + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read job spec " + location + ": " + e.getMessage(), e);
        }
    }
}
