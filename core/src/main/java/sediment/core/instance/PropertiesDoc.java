package sediment.core.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates {@code docs/properties.md} from {@link SedimentProperties#ALL}, so every setting is
 * documented where it is declared. A test fails when the committed document is stale; regenerate
 * it with {@code mvn -o -q -pl core test -Dtest=PropertiesDocTest -Dsediment.regenerateDocs=true},
 * or run this class with the output path as its argument.
 */
public final class PropertiesDoc {
    private PropertiesDoc() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/properties.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, generate(), StandardCharsets.UTF_8);
        System.out.println("Wrote " + out);
    }

    public static String generate() {
        return generate(SedimentProperties.ALL);
    }

    static String generate(List<PropertyDefinition> properties) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sediment properties\n\n");
        sb.append("<!-- Generated from SedimentProperties by sediment.core.instance.PropertiesDoc; do not edit by hand.\n");
        sb.append("     Regenerate: mvn -o -q -pl core test -Dtest=PropertiesDocTest -Dsediment.regenerateDocs=true -->\n\n");
        sb.append("Property names are Sleeper's. Instance properties live in `instance.properties` at the root of the\n");
        sb.append("instance; table properties in `tables/<table>/table.properties` (set with `sediment table create\n");
        sb.append("--property KEY=VALUE`); a bulk import job's `platformSpec` may override table settings for that job.\n\n");
        sb.append("A table setting resolves, highest first: the job's `platformSpec` (`sleeper.table.*` name), the table's\n");
        sb.append("`table.properties` (`sleeper.table.*`), the instance's `instance.properties` (`sleeper.default.*`),\n");
        sb.append("then the built-in default. Instance settings are read from `instance.properties` only.\n\n");

        sb.append("## Table settings\n\n");
        sb.append("| Table and job property | Instance default property | Default | Description |\n");
        sb.append("|---|---|---|---|\n");
        for (PropertyDefinition p : properties) {
            if (!p.isInstanceOnly()) {
                sb.append("| `").append(p.name()).append("` | `").append(p.instanceName()).append("` | ")
                        .append(defaultValue(p)).append(" | ").append(cell(p.description())).append(" |\n");
            }
        }
        sb.append("\n## Instance settings\n\n");
        sb.append("These cannot be set per table or per job.\n\n");
        sb.append("| Instance property | Default | Description |\n");
        sb.append("|---|---|---|\n");
        for (PropertyDefinition p : properties) {
            if (p.isInstanceOnly()) {
                sb.append("| `").append(p.name()).append("` | ").append(defaultValue(p)).append(" | ")
                        .append(cell(p.description())).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String defaultValue(PropertyDefinition p) {
        return p.defaultValue() == null ? "(none)" : "`" + p.defaultValue() + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
