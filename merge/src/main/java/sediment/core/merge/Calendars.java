package sediment.core.merge;

import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;
import sediment.core.storage.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds business calendars by name: those shipped with Sediment ({@code USNYSE}, {@code UTC}) and any
 * {@code <NAME>.json} in the db's {@code Calendars/} directory, which take precedence.
 */
public final class Calendars {
    /** Shipped as resources under {@code sediment/calendars/}. */
    public static final List<String> BUILT_IN = List.of("USNYSE", "UTC");
    /** The calendar {@code Calendars.calendar()} and the calendar-less shorthands use. */
    public static final String DEFAULT = "USNYSE";

    private final Storage storage;
    private final String directory;
    private final Map<String, BusinessCalendar> cache = new LinkedHashMap<>();

    private Calendars(Storage storage, String directory) {
        this.storage = storage;
        this.directory = directory;
    }

    /** Only the built-in calendars. */
    public static Calendars builtIn() {
        return new Calendars(null, null);
    }

    /** Built-in calendars plus the {@code .json} files in a db's Calendars directory. */
    public static Calendars withDirectory(Storage storage, String directory) {
        return new Calendars(storage, directory);
    }

    public synchronized BusinessCalendar get(String name) {
        BusinessCalendar cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        BusinessCalendar calendar = fromDirectory(name).or(() -> fromResources(name)).orElseThrow(() ->
                new InvalidInputException("Unknown calendar '" + name + "': known calendars are " + String.join(", ", known())));
        cache.put(name, calendar);
        return calendar;
    }

    public List<String> known() {
        TreeSet<String> names = new TreeSet<>(BUILT_IN);
        if (storage != null) {
            try {
                for (Storage.FileInfo f : storage.list(directory, false)) {
                    String n = Storage.name(f.path());
                    if (!f.directory() && n.endsWith(".json")) {
                        names.add(n.substring(0, n.length() - ".json".length()));
                    }
                }
            } catch (IOException e) {
                throw new SedimentException("Cannot list calendars in " + directory + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(names);
    }

    private Optional<BusinessCalendar> fromDirectory(String name) {
        if (storage == null || MergeLayout.nameProblem("calendar", name).isPresent()) {
            return Optional.empty();
        }
        String path = Storage.join(directory, name + ".json");
        try {
            return storage.readIfExists(path).map(bytes -> checkName(BusinessCalendar.read(path, bytes), name, path));
        } catch (IOException e) {
            throw new SedimentException("Cannot read calendar " + path + ": " + e.getMessage(), e);
        }
    }

    private static Optional<BusinessCalendar> fromResources(String name) {
        if (!BUILT_IN.contains(name)) {
            return Optional.empty();
        }
        String resource = "sediment/calendars/" + name + ".json";
        try (InputStream in = Calendars.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Built-in calendar resource " + resource + " is missing from the class path");
            }
            return Optional.of(checkName(BusinessCalendar.read(resource, in.readAllBytes()), name, resource));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    private static BusinessCalendar checkName(BusinessCalendar calendar, String name, String source) {
        if (!calendar.name().equals(name)) {
            throw new InvalidInputException("Bad calendar " + source + ": field 'name' says '" + calendar.name()
                    + "' but the file is for calendar '" + name + "'");
        }
        return calendar;
    }
}
