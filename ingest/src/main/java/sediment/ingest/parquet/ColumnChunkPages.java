package sediment.ingest.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.SeekableInputStream;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The pages of one column chunk, read from the file one at a time as the column's reader asks for them.
 * parquet-mr's own reader loads a row group's column chunks whole before decoding any of them, so its
 * memory grows with the input's row group size (Spark writes 128 MiB ones); this holds one compressed
 * and one decompressed page per column, whatever the row group size.
 */
final class ColumnChunkPages implements PageReader, AutoCloseable {
    private static final int BUFFER = 64 << 10;
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final String file;
    private final ColumnDescriptor column;
    private final ColumnChunkMetaData chunk;
    private final BytesInputDecompressor decompressor;
    private final SeekableInputStream stream;
    private final DataInputStream in;
    private final long end;
    private long position;
    private long valuesRead;
    private PageHeader pending;
    private boolean dictionaryChecked;

    ColumnChunkPages(InputFile input, String file, ColumnDescriptor column, ColumnChunkMetaData chunk,
                     BytesInputDecompressor decompressor) throws IOException {
        this.file = file;
        this.column = column;
        this.chunk = chunk;
        this.decompressor = decompressor;
        this.stream = input.newStream();
        this.position = chunk.getStartingPos();
        this.end = position + chunk.getTotalSize();
        stream.seek(position);
        this.in = new DataInputStream(new BufferedInputStream(new Counting(stream), BUFFER));
    }

    @Override
    public long getTotalValueCount() {
        return chunk.getValueCount();
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        dictionaryChecked = true;
        PageHeader header = nextHeader();
        if (header == null || header.getType() != org.apache.parquet.format.PageType.DICTIONARY_PAGE) {
            pending = header;
            return null;
        }
        DictionaryPageHeader dictionary = header.getDictionary_page_header();
        try {
            BytesInput bytes = decompressor.decompress(body(header.getCompressed_page_size()), header.getUncompressed_page_size());
            return new DictionaryPage(BytesInput.copy(bytes), header.getUncompressed_page_size(), dictionary.getNum_values(),
                    CONVERTER.getEncoding(dictionary.getEncoding()));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public DataPage readPage() {
        if (!dictionaryChecked) {
            readDictionaryPage();
        }
        try {
            while (valuesRead < chunk.getValueCount()) {
                PageHeader header = pending != null ? pending : nextHeader();
                pending = null;
                if (header == null) {
                    break;
                }
                switch (header.getType()) {
                    case DATA_PAGE -> {
                        DataPageHeader h = header.getData_page_header();
                        valuesRead += h.getNum_values();
                        BytesInput data = decompressor.decompress(body(header.getCompressed_page_size()),
                                header.getUncompressed_page_size());
                        return new DataPageV1(BytesInput.copy(data), h.getNum_values(), header.getUncompressed_page_size(),
                                noStatistics(), CONVERTER.getEncoding(h.getRepetition_level_encoding()),
                                CONVERTER.getEncoding(h.getDefinition_level_encoding()), CONVERTER.getEncoding(h.getEncoding()));
                    }
                    case DATA_PAGE_V2 -> {
                        DataPageHeaderV2 h = header.getData_page_header_v2();
                        valuesRead += h.getNum_values();
                        int levels = h.getRepetition_levels_byte_length() + h.getDefinition_levels_byte_length();
                        BytesInput repetition = body(h.getRepetition_levels_byte_length());
                        BytesInput definition = body(h.getDefinition_levels_byte_length());
                        BytesInput data = body(header.getCompressed_page_size() - levels);
                        if (!h.isSetIs_compressed() || h.isIs_compressed()) {
                            data = BytesInput.copy(decompressor.decompress(data, header.getUncompressed_page_size() - levels));
                        }
                        return DataPageV2.uncompressed(h.getNum_rows(), h.getNum_nulls(), h.getNum_values(), repetition,
                                definition, CONVERTER.getEncoding(h.getEncoding()), data, noStatistics());
                    }
                    default -> skip(header.getCompressed_page_size()); // index pages and the like
                }
            }
            return null;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private Statistics<?> noStatistics() {
        return Statistics.getBuilderForReading(column.getPrimitiveType()).build();
    }

    private PageHeader nextHeader() {
        if (valuesRead >= chunk.getValueCount()) {
            return null;
        }
        try {
            return Util.readPageHeader(in);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private BytesInput body(int size) throws IOException {
        byte[] bytes = new byte[size];
        in.readFully(bytes);
        return BytesInput.from(bytes);
    }

    private void skip(int size) throws IOException {
        in.skipNBytes(size);
    }

    private ParquetDecodingException failure(IOException e) {
        return new ParquetDecodingException("Cannot read column " + String.join(".", column.getPath()) + " of " + file + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Keeps the chunk's read position, so that reading stops at the chunk's end rather than the file's. */
    private final class Counting extends InputStream {
        private final InputStream stream;

        Counting(InputStream stream) {
            this.stream = stream;
        }

        @Override
        public int read() throws IOException {
            if (position >= end) {
                return -1;
            }
            int b = stream.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = stream.read(b, off, (int) Math.min(len, end - position));
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
