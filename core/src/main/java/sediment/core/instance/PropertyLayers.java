package sediment.core.instance;

import sediment.core.error.InvalidInputException;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves a setting through its layers, highest first: the job (its platformSpec), the table's
 * properties, the instance's {@code sleeper.default.*} value, the built-in default. Instance-only
 * settings are read from the instance alone.
 */
public record PropertyLayers(Map<String, String> instance, Map<String, String> table, Map<String, String> job) {

    public PropertyLayers {
        instance = Map.copyOf(instance);
        table = Map.copyOf(table);
        job = Map.copyOf(job);
    }

    public static PropertyLayers of(Map<String, String> instance, Map<String, String> table) {
        return new PropertyLayers(instance, table, Map.of());
    }

    public Optional<String> find(PropertyDefinition property) {
        if (property.isInstanceOnly()) {
            return Optional.ofNullable(instance.get(property.name())).or(() -> Optional.ofNullable(property.defaultValue()));
        }
        return Optional.ofNullable(job.get(property.name()))
                .or(() -> Optional.ofNullable(table.get(property.name())))
                .or(() -> Optional.ofNullable(instance.get(property.instanceName())))
                .or(() -> Optional.ofNullable(property.defaultValue()));
    }

    public String get(PropertyDefinition property) {
        return find(property).orElseThrow(() -> new InvalidInputException("Property " + property.name() + " is not set"));
    }

    public int getInt(PropertyDefinition property) {
        String value = get(property);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Property " + property.name() + " must be a whole number, not '" + value + "'");
        }
    }

    public long getLong(PropertyDefinition property) {
        String value = get(property);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Property " + property.name() + " must be a whole number, not '" + value + "'");
        }
    }

    /** A positive number of seconds, fractions allowed (tests use sub-second heartbeats). */
    public java.time.Duration getSeconds(PropertyDefinition property) {
        String value = get(property);
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new InvalidInputException("Property " + property.name() + " must be a positive number of seconds, not '"
                    + value + "'");
        }
        return java.time.Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    public boolean getBoolean(PropertyDefinition property) {
        String value = get(property).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidInputException("Property " + property.name() + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
