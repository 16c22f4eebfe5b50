package sediment.spark.bulkimport;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.instance.Table;
import sediment.core.schema.Field;
import sediment.core.schema.PrimitiveType;
import sediment.core.schema.Schema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BulkImportJobRunnerTest {
    @TempDir
    Path dir;

    static final Schema LONG_KEY = new Schema(List.of(new Field("key", PrimitiveType.LONG)), List.of(),
            List.of(new Field("value", PrimitiveType.STRING)));

    @Test
    void importsEveryRowOnceSortedIntoItsLeaf() {
        BulkImportFixture f = new BulkImportFixture(dir);
        Table table = f.table("t", LONG_KEY, List.of(100L, 200L, 300L));
        Random random = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long key = random.nextInt(400) - 20;
            rows.add(BulkImportFixture.row(key, "v" + i));
        }
        Path input = f.writeInput("a", LONG_KEY, rows, 3);

        BulkImportResult result = f.run(f.job("job-1", "t", input));

        assertThat(result.rows()).isEqualTo(2000);
        assertThat(result.files()).isEqualTo(4);
        List<Row> committed = f.readCommitted(table);
        assertThat(committed).containsExactlyInAnyOrderElementsOf(rows);
    }
}
