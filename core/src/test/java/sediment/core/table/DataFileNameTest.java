package sediment.core.table;

import org.junit.jupiter.api.Test;
import sediment.core.run.RunId;

import static org.assertj.core.api.Assertions.assertThat;

class DataFileNameTest {
    @Test
    void shouldRoundTripAndKeepJobIdsThatArePrefixesOfEachOtherApart() {
        String run1 = RunId.next();
        String run2 = RunId.next();
        DataFileName a = new DataFileName("imp", run1, 3, 17);
        DataFileName b = new DataFileName("imp-1", run2, 3, 17);

        assertThat(DataFileName.parse(a.fileName())).contains(a);
        assertThat(DataFileName.parse(b.fileName())).contains(b);
        assertThat(DataFileName.runOf(b.fileName())).contains(run2).isNotEqualTo(DataFileName.runOf(a.fileName()));
        assertThat(run1).isNotEqualTo(run2);
    }

    @Test
    void shouldRecogniseNoRunInOtherNames() {
        assertThat(DataFileName.parse("imp-1-0-12.parquet")).isEmpty();
        assertThat(DataFileName.parse("part-00000.snappy.parquet")).isEmpty();
        assertThat(DataFileName.parse("imp.0123456789abcdef0123.1.2.parquet.crc")).isEmpty();
        assertThat(DataFileName.parse("imp.0123456789ABCDEF0123.1.2.parquet")).isEmpty();
    }
}
