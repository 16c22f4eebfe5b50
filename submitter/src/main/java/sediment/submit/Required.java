package sediment.submit;

import sediment.core.error.InvalidInputException;
import sediment.core.instance.PropertyDefinition;
import sediment.core.instance.PropertyLayers;

/** Settings a platform cannot do without, with the message that says which and where to set it. */
public final class Required {
    private Required() {
    }

    public static String property(PropertyLayers settings, PropertyDefinition property) {
        return settings.find(property).filter(v -> !v.isBlank()).orElseThrow(() -> new InvalidInputException(
                "Instance property " + property.name() + " is not set: " + property.description() + " (see docs/platforms.md)"));
    }
}
