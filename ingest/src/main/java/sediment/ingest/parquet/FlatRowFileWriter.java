package sediment.ingest.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import sediment.core.parquet.DataFileOutput;
import sediment.core.parquet.DataFileSchema;
import sediment.core.parquet.DataFileSettings;
import sediment.core.row.Row;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;
import sediment.core.split.KeySketch;
import sediment.core.split.SketchFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes rows of a table whose columns are all primitive to a new data file, each value straight into
 * its column's writer. parquet-mr's record path ({@link CoreRowWriteSupport} through its
 * {@code MessageColumnIO}) tracks every field of every record through a generic nesting state machine,
 * which was a large part of the ingest's writing; a flat row needs none of it: one value (or a null)
 * per column per row. The file is the one {@link sediment.core.parquet.DataFileWriters} would configure:
 * the same layout ({@link DataFileSchema}), codec, row group and page sizes, dictionary settings per
 * column, created exclusively, with row groups cut as parquet-mr cuts them, and the footer entries
 * {@link CoreRowWriteSupport} gives (with the file's key sketch, {@link SketchFiles#FOOTER_KEY}).
 */
final class FlatRowFileWriter implements RowFiles.RowSink {
    private final ParquetFileWriter file;
    private final ParquetProperties properties;
    private final CodecFactory codecs;
    private final CodecFactory.BytesCompressor compressor;
    private final MessageType fileSchema;
    private final Map<String, String> metadata;
    private final long rowGroupSize;
    private final PrimitiveType[] types;
    private final int[] maxDefinition;
    private final List<ColumnDescriptor> columns;
    private final int rowKeyCount;
    private final KeySketch sketch;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long rowsInGroup;
    private long nextSizeCheck;
    private long nextRowGroupSize;

    FlatRowFileWriter(String path, Schema schema, DataFileSettings settings, Map<String, String> metadata, Configuration conf)
            throws IOException {
        List<Field> fields = schema.allFields();
        this.types = fields.stream().map(f -> (PrimitiveType) f.type()).toArray(PrimitiveType[]::new);
        this.fileSchema = DataFileSchema.of(schema);
        this.columns = fileSchema.getColumns();
        this.maxDefinition = columns.stream().mapToInt(ColumnDescriptor::getMaxDefinitionLevel).toArray();
        this.metadata = Map.copyOf(metadata);
        // The row-key fields come first in a row.
        this.rowKeyCount = schema.rowKeyFields().size();
        this.sketch = KeySketch.empty(schema.rowKeyTypes());
        this.rowGroupSize = settings.rowGroupSize();
        ParquetProperties.Builder props = ParquetProperties.builder().withPageSize(settings.pageSize())
                .withDictionaryPageSize(ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                // Value columns take the default, as DataFileWriters sets them.
                .withDictionaryEncoding(settings.dictionaryValues());
        for (Field f : schema.rowKeyFields()) {
            props.withDictionaryEncoding(f.name(), settings.dictionaryRowKeys());
        }
        for (Field f : schema.sortKeyFields()) {
            props.withDictionaryEncoding(f.name(), settings.dictionarySortKeys());
        }
        this.properties = props.build();
        this.file = new ParquetFileWriter(DataFileOutput.forPath(path, conf), fileSchema, ParquetFileWriter.Mode.CREATE,
                rowGroupSize, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, properties.getColumnIndexTruncateLength(),
                properties.getStatisticsTruncateLength(), properties.getPageWriteChecksumEnabled());
        file.start();
        this.codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
        this.compressor = codecs.getCompressor(CompressionCodecName.fromConf(settings.codec().toUpperCase(Locale.ROOT)));
        this.nextRowGroupSize = rowGroupSize;
        startRowGroup();
    }

    private void startRowGroup() {
        pages = new ColumnChunkPageWriteStore(compressor, fileSchema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        store = properties.newColumnWriteStore(fileSchema, pages, pages);
        writers = new ColumnWriter[columns.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = store.getColumnWriter(columns.get(i));
        }
        rowsInGroup = 0;
        nextSizeCheck = properties.getMinRowCountForPageSizeCheck();
    }

    @Override
    public void write(Row row) throws IOException {
        for (int i = 0; i < writers.length; i++) {
            Object v = row.get(i);
            ColumnWriter w = writers[i];
            if (v == null) {
                w.writeNull(0, 0);
                continue;
            }
            int d = maxDefinition[i];
            switch (types[i]) {
                case LONG -> w.write((long) (Long) v, 0, d);
                case INT -> w.write((int) (Integer) v, 0, d);
                case STRING -> w.write(Binary.fromConstantByteArray(((String) v).getBytes(StandardCharsets.UTF_8)), 0, d);
                case BYTE_ARRAY -> w.write(Binary.fromConstantByteArray((byte[]) v), 0, d);
                case DOUBLE -> w.write((double) (Double) v, 0, d);
                case FLOAT -> w.write((float) (Float) v, 0, d);
                case BOOLEAN -> w.write((boolean) (Boolean) v, 0, d);
                // As the data file schema declares them: INT64 TIMESTAMP(MICROS, UTC) and INT32 DATE.
                case TIMESTAMP -> w.write(sediment.core.schema.TypedValues.micros((java.time.Instant) v), 0, d);
                case DATE -> w.write(sediment.core.schema.TypedValues.days((java.time.LocalDate) v), 0, d);
            }
        }
        store.endRecord();
        for (int d = 0; d < rowKeyCount; d++) {
            sketch.update(d, row.get(d));
        }
        rowsInGroup++;
        if (rowsInGroup >= nextSizeCheck) {
            checkRowGroupSize();
        }
    }

    /** As parquet-mr's record writer does it: measure now and then, and cut the group before it outgrows its size. */
    private void checkRowGroupSize() throws IOException {
        long buffered = store.getBufferedSize();
        long rowSize = Math.max(1, buffered / rowsInGroup);
        if (buffered > nextRowGroupSize - 2 * rowSize) {
            flushRowGroup();
            startRowGroup();
            nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(), rowsInGroup / 2),
                    properties.getMaxRowCountForPageSizeCheck());
        } else {
            nextSizeCheck = Math.min(Math.max(properties.getMinRowCountForPageSizeCheck(),
                    (rowsInGroup + (long) (nextRowGroupSize / (float) rowSize)) / 2), rowsInGroup + properties.getMaxRowCountForPageSizeCheck());
        }
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup > 0) {
            file.startBlock(rowsInGroup);
            store.flush();
            pages.flushToFileWriter(file);
            file.endBlock();
            nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSize);
        }
        store.close();
    }

    @Override
    public void close() throws IOException {
        try {
            flushRowGroup();
            Map<String, String> footer = new java.util.LinkedHashMap<>(metadata);
            footer.putAll(SketchFiles.footerEntry(sketch));
            file.end(footer);
        } finally {
            codecs.release();
        }
    }
}
