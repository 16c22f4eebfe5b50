package sediment.core.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;

/**
 * A Parquet file whose status a listing has already given: reading its footer costs one open and no status
 * request. parquet-mr 1.13's {@code HadoopInputFile.fromStatus} opens with {@code FileSystem.open(path)}, which
 * on S3A asks for the object's status again (a HEAD request per file); this opens with
 * {@code openFile(path).withFileStatus(status)}, which S3A answers from the status it is given.
 */
public final class StatusInputFile implements InputFile {
    private final FileSystem fs;
    private final FileStatus status;

    private StatusInputFile(FileSystem fs, FileStatus status) {
        this.fs = fs;
        this.status = status;
    }

    public static StatusInputFile of(FileStatus status, Configuration conf) throws IOException {
        return new StatusInputFile(status.getPath().getFileSystem(conf), status);
    }

    @Override
    public long getLength() {
        return status.getLen();
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FSDataInputStream in;
        try {
            in = fs.openFile(status.getPath()).withFileStatus(status).build().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted opening " + status.getPath());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
        return HadoopStreams.wrap(in);
    }

    @Override
    public String toString() {
        return status.getPath().toString();
    }
}
