package sediment.core.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local data files are written straight to disk, at the path Hadoop names, with no side files. */
class DataFileOutputTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void writesALocalFileWhosePathHasSpacesAndPercentSignsCountingPositionsAndNeverOverwrites() throws IOException {
        java.nio.file.Path target = dir.resolve("a dir %20/leaf p0/file.parquet");
        String qualified = new Path(target.toUri()).toString();
        assertThat(qualified).startsWith("file:").contains("a dir %20");

        OutputFile file = DataFileOutput.forPath(qualified, new Configuration());
        try (PositionOutputStream out = file.create(0)) {
            out.write(new byte[]{1, 2, 3});
            out.write(4);
            assertThat(out.getPos()).isEqualTo(4);
        }
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3, 4);
        try (var listing = Files.list(target.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("file.parquet");
        }

        // A data file is never overwritten, however it is asked: a committed file could be the one truncated.
        assertThatThrownBy(() -> file.create(0)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThatThrownBy(() -> file.createOrOverwrite(0)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3, 4);
    }
}
