package sediment.core.instance;

/**
 * One setting, declared once with its name, default and description. Table-level settings have a
 * second name for the instance-wide default: {@code sleeper.table.X} falls back to
 * {@code sleeper.default.X}, as in Sleeper.
 *
 * @param name         the name looked up in table properties and job specs (or the instance name for instance-only settings)
 * @param instanceName the instance-wide default's name, or null for instance-only settings
 */
public record PropertyDefinition(String name, String instanceName, String defaultValue, String description) {

    public static PropertyDefinition instanceOnly(String name, String defaultValue, String description) {
        return new PropertyDefinition(name, null, defaultValue, description);
    }

    /** A table setting {@code sleeper.table.<suffix>} with instance default {@code sleeper.default.<suffix>}. */
    public static PropertyDefinition tableWithDefault(String suffix, String defaultValue, String description) {
        return new PropertyDefinition("sleeper.table." + suffix, "sleeper.default." + suffix, defaultValue, description);
    }

    public boolean isInstanceOnly() {
        return instanceName == null;
    }
}
