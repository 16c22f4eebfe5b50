package sediment.spark.bulkimport;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;

/** An output file that remembers how many bytes were written to it, so the writer need not ask the file system. */
final class MeasuredOutputFile implements OutputFile {
    private final OutputFile file;
    private PositionOutputStream stream;

    MeasuredOutputFile(OutputFile file) {
        this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = file.create(blockSizeHint);
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = file.createOrOverwrite(blockSizeHint);
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return file.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return file.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return file.getPath();
    }

    /** The bytes written, once the Parquet writer has closed the stream. */
    long length() throws IOException {
        if (stream == null) {
            throw new IOException("nothing was written to " + file.getPath());
        }
        return stream.getPos();
    }
}
