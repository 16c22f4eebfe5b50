package sediment.core.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * Where a job writes a Parquet data file. Local paths ({@code file:}) are written straight through
 * java.nio: Hadoop's local file system would add a checksum side file and, without Hadoop's native
 * library, start a {@code chmod} process for every file and directory it creates, which costs more
 * than writing a small leaf's rows. Every other scheme (s3a, hdfs) goes through Hadoop.
 */
public final class DataFileOutput {
    private DataFileOutput() {
    }

    /** A file at a qualified Hadoop path string, as {@code Path.toString()} gives it (spaces unescaped). */
    public static OutputFile forPath(String qualifiedPath, Configuration conf) throws IOException {
        Path path = new Path(qualifiedPath);
        URI uri = path.toUri();
        if ("file".equals(uri.getScheme())) {
            return new LocalFile(java.nio.file.Path.of(uri));
        }
        return HadoopOutputFile.fromPath(path, conf);
    }

    private record LocalFile(java.nio.file.Path path) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE_NEW);
        }

        /** Data files are never overwritten: a committed file could be the one truncated. */
        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            throw new java.nio.file.FileAlreadyExistsException(path.toString(), null,
                    "Sediment never overwrites a data file; create it under a new name");
        }

        private PositionOutputStream open(StandardOpenOption... options) throws IOException {
            Files.createDirectories(path.getParent());
            StandardOpenOption[] all = new StandardOpenOption[options.length + 1];
            System.arraycopy(options, 0, all, 0, options.length);
            all[options.length] = StandardOpenOption.WRITE;
            return new CountingStream(new java.io.BufferedOutputStream(Channels.newOutputStream(FileChannel.open(path, all)),
                    1 << 16));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }

    /** Parquet needs the write position to record where each column chunk starts. */
    private static final class CountingStream extends PositionOutputStream {
        private final OutputStream out;
        private long position;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
