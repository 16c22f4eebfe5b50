package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.parquet.ParquetSchemas;
import sediment.core.row.Row;
import sediment.core.schema.Schema;
import sediment.ingest.parquet.ParquetRowReader;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads a job's input files into an ingest, several files at once: decoding Parquet is the largest part
 * of the work while batches fill, and one reading thread left the other core to the spill thread, which
 * needs far less. Each reader decodes a file into blocks of rows and hands them over through a queue a
 * few blocks long; the calling thread alone gives them to the ingest, so {@link IngestRecords} stays
 * single-threaded and memory grows by those few blocks and each reader's pages.
 */
final class InputFiles {
    private static final int BLOCK_ROWS = 4096;
    private static final int QUEUE_BLOCKS = 4;

    /** Rows of one file, or the end of a file (rows null), or the end of a reader. */
    private record Block(Row[] rows, int count, String fileDone, RuntimeException failure) {
    }

    private static final Block READER_DONE = new Block(null, 0, null, null);

    private final String jobId;
    private final Configuration conf;
    private final int threads;
    private final Map<String, List<String>> keyColumnsToCheck;

    /**
     * @param keyColumnsToCheck by file, the optional key columns whose footer statistics could not show them free of
     *                          nulls: each of their rows is checked as it is read
     */
    InputFiles(String jobId, Configuration conf, int threads, Map<String, List<String>> keyColumnsToCheck) {
        this.jobId = jobId;
        this.conf = conf;
        this.threads = threads;
        this.keyColumnsToCheck = Map.copyOf(keyColumnsToCheck);
    }

    void read(List<String> files, IngestRecords ingest, IngestProgress progress) {
        int readers = Math.max(1, Math.min(threads, files.size()));
        if (readers == 1) {
            for (String file : files) {
                readFile(file, ingest.schema(), ingest::write);
                fileRead(progress, file, ingest.rowsWritten());
            }
            return;
        }
        BlockingQueue<Block> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "sediment-ingest-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < readers; i++) {
                pool.execute(() -> readFiles(files, next, ingest.schema(), queue));
            }
            int running = readers;
            RuntimeException failure = null;
            while (running > 0) {
                Block block = queue.take();
                if (block == READER_DONE) {
                    running--;
                } else if (block.failure() != null) {
                    failure = block.failure();
                    break;
                } else if (block.rows() != null) {
                    for (int i = 0; i < block.count(); i++) {
                        ingest.write(block.rows()[i]);
                    }
                } else {
                    fileRead(progress, block.fileDone(), ingest.rowsWritten());
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SedimentException("Interrupted while reading the ingest's input; nothing was committed", e);
        } finally {
            // Readers still going (after a failure) are interrupted out of the queue and stop.
            pool.shutdownNow();
        }
    }

    /** One call at a time, as IngestProgress promises: the ingest's own threads report to it too. */
    private static void fileRead(IngestProgress progress, String file, long rows) {
        synchronized (progress) {
            progress.fileRead(file, rows);
        }
    }

    private void readFiles(List<String> files, AtomicInteger next, Schema schema, BlockingQueue<Block> queue) {
        try {
            for (int f = next.getAndIncrement(); f < files.size(); f = next.getAndIncrement()) {
                String file = files.get(f);
                Row[][] block = {new Row[BLOCK_ROWS]};
                int[] count = {0};
                readFile(file, schema, row -> {
                    block[0][count[0]++] = row;
                    if (count[0] == BLOCK_ROWS) {
                        put(queue, new Block(block[0], count[0], null, null));
                        block[0] = new Row[BLOCK_ROWS];
                        count[0] = 0;
                    }
                });
                put(queue, new Block(block[0], count[0], null, null));
                put(queue, new Block(null, 0, file, null));
            }
            put(queue, READER_DONE);
        } catch (Interrupted e) {
            // The ingest stopped reading; nothing more to hand over.
        } catch (RuntimeException e) {
            try {
                put(queue, new Block(null, 0, null, e));
            } catch (Interrupted stopped) {
                // As above.
            }
        }
    }

    private void readFile(String file, Schema schema, Consumer<Row> sink) {
        try {
            Path path = new Path(file);
            HadoopInputFile input = HadoopInputFile.fromStatus(path.getFileSystem(conf).getFileStatus(path), conf);
            new ParquetRowReader(schema, conf).read(input, nullKeyCheck(file, schema, sink));
        } catch (IOException | ParquetDecodingException e) {
            throw new SedimentException("Ingest job " + jobId + " failed reading " + file + "; nothing was committed: "
                    + SedimentException.rootMessage(e), e);
        }
    }

    /** The sink, refusing a null in any key column of this file that its footer could not show free of nulls. */
    private Consumer<Row> nullKeyCheck(String file, Schema schema, Consumer<Row> sink) {
        List<String> columns = keyColumnsToCheck.getOrDefault(file, List.of());
        if (columns.isEmpty()) {
            return sink;
        }
        List<String> names = schema.allFields().stream().map(sediment.core.schema.Field::name).toList();
        int[] checked = columns.stream().mapToInt(names::indexOf).toArray();
        return row -> {
            for (int i : checked) {
                if (row.get(i) == null) {
                    throw new InvalidInputException("Ingest job " + jobId + " failed; nothing was committed: "
                            + ParquetSchemas.nullKeyMessage(file, names.get(i)));
                }
            }
            sink.accept(row);
        };
    }

    private static void put(BlockingQueue<Block> queue, Block block) {
        try {
            queue.put(block);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** A reader was told to stop while it waited to hand a block over. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }
}
