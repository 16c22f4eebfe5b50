package sediment.spark.merge;

import org.junit.jupiter.api.Test;
import sediment.spark.TestSpark;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The builder takes the seed's option setters and its own clock; running is covered by the other merge tests. */
class MergeDataBuilderTest {

    @Test
    void shouldNameAGeneratedJobIdByItsOwnClock() {
        Clock clock = Clock.fixed(Instant.parse("2020-05-06T07:08:09Z"), ZoneId.of("UTC"));

        MergeData merge = MergeData.builder("/tmp/db", "Market", "Trades").partitionColumnValue("2024-01-02").clock(clock)
                .sparkSession(TestSpark.session()).build();

        assertThat(merge.jobId()).startsWith("20200506-070809-");
    }

    @Test
    void shouldTakeTheSeedsSetterNamesAndKeepTheBuilderType() {
        MergeData.Builder builder = MergeData.builder("/tmp/db", "Market", "Trades")
                .setPartitionColumnValue("2024-01-02")
                .setSortColumnFormula("Timestamp")
                .setLowHeapUsage(true)
                .words(java.util.List.of("codec=ZSTD"))
                .jobId("merge-1");

        assertThat(builder.build().jobId()).isEqualTo("merge-1");
    }
}
