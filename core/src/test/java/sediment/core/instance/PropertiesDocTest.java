package sediment.core.instance;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/properties.md is generated from the declarations; this fails when it is stale. Regenerate:
 * {@code mvn -o -q -pl core test -Dtest=PropertiesDocTest -Dsediment.regenerateDocs=true}.
 */
class PropertiesDocTest {

    private static Path document() {
        // Surefire runs in the module directory and sets basedir to it; docs/ is at the repository root.
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../docs/properties.md").normalize();
    }

    @Test
    void shouldMatchTheCommittedDocument() throws Exception {
        Path doc = document();
        String generated = PropertiesDoc.generate();
        if (Boolean.getBoolean("sediment.regenerateDocs")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("%s is missing; regenerate it with: mvn -o -q -pl core test -Dtest=PropertiesDocTest"
                + " -Dsediment.regenerateDocs=true", doc).exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("%s is out of date with SedimentProperties; regenerate it with: mvn -o -q -pl core test"
                        + " -Dtest=PropertiesDocTest -Dsediment.regenerateDocs=true", doc)
                .isEqualTo(generated);
    }

    @Test
    void shouldListEveryPropertyWithItsInstanceDefaultNameDefaultAndDescription() {
        String doc = PropertiesDoc.generate();
        for (PropertyDefinition p : SedimentProperties.ALL) {
            assertThat(doc).contains("`" + p.name() + "`", p.description());
            if (!p.isInstanceOnly()) {
                assertThat(doc).contains("| `" + p.name() + "` | `" + p.instanceName() + "` | `" + p.defaultValue() + "` |");
            }
        }
    }

    @Test
    void shouldEscapeTableSeparatorsInDescriptions() {
        String doc = PropertiesDoc.generate(List.of(PropertyDefinition.instanceOnly("sleeper.x", null, "a | b.")));
        assertThat(doc).contains("| `sleeper.x` | (none) | a \\| b. |");
    }
}
