package sediment.core.testutil;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import sediment.core.parquet.DataFileOutput;
import sediment.core.storage.LocalStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes the footer entries of a local Parquet file in place, its row groups copied byte for byte: the file as a
 * writer that wrote other entries would have written it (say, a data file from before writers recorded an entry).
 * Tests only: Sediment never rewrites a data file.
 */
public final class FooterEntries {
    private FooterEntries() {
    }

    /** The file's footer key-value entries. */
    public static Map<String, String> of(String file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), new Configuration()))) {
            return new LinkedHashMap<>(reader.getFileMetaData().getKeyValueMetaData());
        }
    }

    public static void remove(String file, String key) throws IOException {
        edit(file, entries -> entries.remove(key));
    }

    public static void put(String file, String key, String value) throws IOException {
        edit(file, entries -> entries.put(key, value));
    }

    public static void edit(String file, Consumer<Map<String, String>> change) throws IOException {
        Configuration conf = new Configuration();
        java.nio.file.Path local = LocalStorage.toPath(file);
        java.nio.file.Path copy = local.resolveSibling("." + local.getFileName() + ".rewritten");
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            footer = reader.getFooter();
        }
        Map<String, String> entries = new LinkedHashMap<>(footer.getFileMetaData().getKeyValueMetaData());
        change.accept(entries);
        ParquetFileWriter writer = new ParquetFileWriter(DataFileOutput.forPath(LocalStorage.qualify(copy), conf),
                footer.getFileMetaData().getSchema(), ParquetFileWriter.Mode.CREATE, ParquetWriter.DEFAULT_BLOCK_SIZE,
                ParquetWriter.MAX_PADDING_SIZE_DEFAULT);
        writer.start();
        writer.appendFile(HadoopInputFile.fromPath(new Path(file), conf));
        writer.end(entries);
        Files.move(copy, local, StandardCopyOption.REPLACE_EXISTING);
        // A checksum Hadoop's local file system left beside the old file would not match the new one.
        Files.deleteIfExists(local.resolveSibling("." + local.getFileName() + ".crc"));
    }
}
