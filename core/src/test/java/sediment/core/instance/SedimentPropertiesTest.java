package sediment.core.instance;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SedimentPropertiesTest {

    @Test
    void shouldDeclareEveryNameOnceWithADescription() {
        Set<String> names = new HashSet<>();
        for (PropertyDefinition p : SedimentProperties.ALL) {
            assertThat(names.add(p.name())).as("unique %s", p.name()).isTrue();
            if (p.instanceName() != null) {
                assertThat(names.add(p.instanceName())).as("unique %s", p.instanceName()).isTrue();
            }
            assertThat(p.description()).as(p.name()).isNotBlank().endsWith(".");
        }
    }

    @Test
    void shouldNameTableSettingsAndTheirInstanceDefaultsAsSleeperDoes() {
        for (PropertyDefinition p : SedimentProperties.ALL) {
            if (p.isInstanceOnly()) {
                assertThat(p.name()).startsWith("sleeper.").doesNotStartWith("sleeper.table.").doesNotStartWith("sleeper.default.");
            } else {
                assertThat(p.name()).startsWith("sleeper.table.");
                assertThat(p.instanceName()).isEqualTo("sleeper.default." + p.name().substring("sleeper.table.".length()));
            }
        }
    }

    /** Every bulk import property the seed (Sleeper's "Ingesting data") names, spelled as it spells them. */
    @Test
    void shouldDeclareTheSeedsBulkImportProperties() {
        List<String> seedNames = List.of(
                "sleeper.bulk.import.keypair.name",
                "sleeper.default.bulk.import.emr.release.label",
                "sleeper.default.bulk.import.emr.master.instance.type",
                "sleeper.default.bulk.import.emr.executor.instance.type",
                "sleeper.default.bulk.import.emr.executor.initial.instances",
                "sleeper.default.bulk.import.emr.executor.max.instances",
                "sleeper.default.bulk.import.spark.shuffle.mapStatus.compression.codec",
                "sleeper.default.bulk.import.spark.speculation",
                "sleeper.default.bulk.import.spark.speculation.quantile",
                "sleeper.table.bulk.import.emr.release.label",
                "sleeper.table.bulk.import.emr.master.instance.type",
                "sleeper.table.bulk.import.emr.executor.instance.type",
                "sleeper.table.bulk.import.emr.executor.initial.instances",
                "sleeper.table.bulk.import.emr.executor.max.instances",
                "sleeper.table.bulk.import.spark.shuffle.mapStatus.compression.codec",
                "sleeper.table.bulk.import.spark.speculation",
                "sleeper.table.bulk.import.spark.speculation.quantile",
                "sleeper.bulk.import.emr.job.queue.url",
                "sleeper.bulk.import.persistent.emr.job.queue.url",
                "sleeper.bulk.import.persistent.emr.release.label",
                "sleeper.bulk.import.persistent.emr.master.instance.type",
                "sleeper.bulk.import.persistent.emr.core.instance.type",
                "sleeper.bulk.import.persistent.emr.use.managed.scaling",
                "sleeper.bulk.import.persistent.emr.min.instances",
                "sleeper.bulk.import.persistent.emr.max.instances",
                "sleeper.errors.email");
        Set<String> declared = new HashSet<>();
        SedimentProperties.ALL.forEach(p -> {
            declared.add(p.name());
            if (p.instanceName() != null) {
                declared.add(p.instanceName());
            }
        });
        assertThat(declared).containsAll(seedNames);
    }
}
