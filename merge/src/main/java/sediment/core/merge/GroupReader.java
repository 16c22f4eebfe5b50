package sediment.core.merge;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one group of a merged file without scanning the rest: the footer's {@link GroupIndex} gives
 * the group's rows, and only the row groups holding them are read.
 */
public final class GroupReader {
    private GroupReader() {
    }

    /** The rows of one group, and how many of the file's row groups had to be read for them. */
    public record Result(List<Group> rows, int rowGroupsRead, int rowGroupsInFile) {
    }

    public static GroupIndex index(Configuration conf, String file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            return index(file, reader);
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Result readGroup(Configuration conf, String file, List<String> key) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
            GroupIndex index = index(file, reader);
            GroupIndex.Group group = index.find(key).orElseThrow(() ->
                    new InvalidInputException("No group " + key + " in " + file));
            long first = group.firstRow();
            long end = first + group.rowCount();
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Group> rows = new ArrayList<>();
            int read = 0;
            long rowGroupStart = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                long rowGroupEnd = rowGroupStart + block.getRowCount();
                if (rowGroupEnd <= first || rowGroupStart >= end) {
                    reader.skipNextRowGroup();
                } else {
                    PageReadStore pages = reader.readNextRowGroup();
                    read++;
                    RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                            .getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long r = rowGroupStart; r < Math.min(rowGroupEnd, end); r++) {
                        Group row = records.read();
                        if (r >= first) {
                            rows.add(row);
                        }
                    }
                }
                rowGroupStart = rowGroupEnd;
            }
            return new Result(rows, read, reader.getRowGroups().size());
        } catch (IOException e) {
            throw new SedimentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static GroupIndex index(String file, ParquetFileReader reader) {
        String json = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(GroupIndex.FOOTER_KEY);
        if (json == null) {
            throw new InvalidInputException(file + " has no " + GroupIndex.FOOTER_KEY + " footer entry: it was not written by a merge");
        }
        return GroupIndex.fromJson(file + " footer", json);
    }
}
