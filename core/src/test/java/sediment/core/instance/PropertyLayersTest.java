package sediment.core.instance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.testutil.TempInstance;
import sediment.core.testutil.TestSchemas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sediment.core.instance.SedimentProperties.EMR_MASTER_INSTANCE_TYPE;
import static sediment.core.instance.SedimentProperties.KEYPAIR_NAME;

/** Settings resolve as in Sleeper: built-in default < instance default < table property < job. */
class PropertyLayersTest {
    private static final String INSTANCE_NAME = "sleeper.default.bulk.import.emr.master.instance.type";
    private static final String TABLE_NAME = "sleeper.table.bulk.import.emr.master.instance.type";

    @Test
    void shouldUseTheBuiltInDefaultWhenNothingIsSet() {
        assertThat(new PropertyLayers(Map.of(), Map.of(), Map.of()).get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("m5.xlarge");
    }

    @Test
    void shouldPreferTheInstanceDefaultToTheBuiltInDefault() {
        assertThat(new PropertyLayers(Map.of(INSTANCE_NAME, "m6.large"), Map.of(), Map.of()).get(EMR_MASTER_INSTANCE_TYPE))
                .isEqualTo("m6.large");
    }

    @Test
    void shouldPreferTheTablePropertyToTheInstanceDefault() {
        assertThat(new PropertyLayers(Map.of(INSTANCE_NAME, "m6.large"), Map.of(TABLE_NAME, "r5.xlarge"), Map.of())
                .get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("r5.xlarge");
    }

    @Test
    void shouldPreferTheJobToTheTableProperty() {
        assertThat(new PropertyLayers(Map.of(INSTANCE_NAME, "m6.large"), Map.of(TABLE_NAME, "r5.xlarge"),
                Map.of(TABLE_NAME, "c5.2xlarge")).get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("c5.2xlarge");
    }

    @Test
    void shouldIgnoreTableNamesInTheInstanceAndInstanceNamesInTablesAndJobs() {
        assertThat(new PropertyLayers(Map.of(TABLE_NAME, "wrong-layer"), Map.of(INSTANCE_NAME, "wrong-layer"),
                Map.of(INSTANCE_NAME, "wrong-layer")).get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("m5.xlarge");
    }

    @Test
    void shouldReadInstanceOnlySettingsFromTheInstanceAlone() {
        String name = "sleeper.bulk.import.keypair.name";
        assertThat(new PropertyLayers(Map.of(), Map.of(name, "t"), Map.of(name, "j")).find(KEYPAIR_NAME)).isEmpty();
        assertThat(new PropertyLayers(Map.of(name, "my-key"), Map.of(name, "t"), Map.of(name, "j")).get(KEYPAIR_NAME))
                .isEqualTo("my-key");
        assertThatThrownBy(() -> PropertyLayers.of(Map.of(), Map.of()).get(KEYPAIR_NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Property sleeper.bulk.import.keypair.name is not set");
    }

    @Test
    void shouldParseNumbersAndBooleansWithClearErrors() {
        PropertyLayers layers = PropertyLayers.of(Map.of(), Map.of(
                "sleeper.table.statestore.snapshot.interval", " 7 ",
                "sleeper.table.rowgroup.size", "lots",
                "sleeper.table.bulk.import.spark.speculation", "yes"));

        assertThat(layers.getInt(SedimentProperties.SNAPSHOT_INTERVAL)).isEqualTo(7);
        assertThat(layers.getLong(SedimentProperties.PAGE_SIZE)).isEqualTo(1048576L);
        assertThatThrownBy(() -> layers.getLong(SedimentProperties.ROW_GROUP_SIZE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Property sleeper.table.rowgroup.size must be a whole number, not 'lots'");
        assertThatThrownBy(() -> layers.getInt(SedimentProperties.ROW_GROUP_SIZE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> layers.getBoolean(SedimentProperties.SPARK_SPECULATION)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Property sleeper.table.bulk.import.spark.speculation must be true or false, not 'yes'");
        assertThat(PropertyLayers.of(Map.of(), Map.of()).getBoolean(SedimentProperties.SPARK_SPECULATION)).isTrue();
    }

    @Test
    void shouldLayerTheFilesOfARealInstanceAndTable(@TempDir Path tmp) throws Exception {
        TempInstance instance = TempInstance.create(tmp);
        Files.writeString(instance.dir().resolve("instance.properties"),
                INSTANCE_NAME + "=m6.large\nsleeper.default.bulk.import.emr.executor.max.instances=20\n");
        instance.createTable("t", TestSchemas.LONG_KEY, List.of(), Map.of("sleeper.table.bulk.import.emr.executor.max.instances", "30"));

        Table table = instance.reopen().table("t");
        PropertyLayers settings = table.settings(Map.of(TABLE_NAME, "from-job"));

        assertThat(settings.get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("from-job");
        assertThat(settings.get(SedimentProperties.EMR_EXECUTOR_MAX_INSTANCES)).isEqualTo("30");
        assertThat(table.settings(Map.of()).get(EMR_MASTER_INSTANCE_TYPE)).isEqualTo("m6.large");
        assertThat(settings.get(SedimentProperties.EMR_EXECUTOR_INITIAL_INSTANCES)).isEqualTo("2");
    }
}
