package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;
import sediment.core.error.InvalidInputException;
import sediment.core.error.SedimentException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;

/** Chooses the storage for a location, and turns user-given locations into qualified paths. */
public final class Storages {
    private Storages() {
    }

    /**
     * A qualified path for a location: plain paths and every spelling of a local file URI
     * ({@code file:/p}, {@code file:///p}, {@code file://localhost/p}) become {@code file:/absolute/path},
     * as Hadoop writes them; trailing slashes go.
     */
    public static String qualify(String location) {
        try {
            if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                String s = location;
                while (s.endsWith("/") && !s.endsWith("://")) {
                    s = s.substring(0, s.length() - 1);
                }
                return s.startsWith("file:") ? LocalStorage.qualify(LocalStorage.toPath(s)) : s;
            }
            return LocalStorage.qualify(Paths.get(location));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid location " + location + ": " + e.getMessage(), e);
        }
    }

    public static boolean isLocal(String qualifiedPath) {
        return qualifiedPath.startsWith("file:");
    }

    /** Local paths use java.nio; anything else goes through Hadoop with the given configuration. */
    public static Storage forPath(String qualifiedPath, Configuration conf) {
        if (isLocal(qualifiedPath)) {
            return new LocalStorage();
        }
        try {
            return new HadoopStorage(URI.create(qualifiedPath), conf == null ? new Configuration() : conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new SedimentException("Cannot open storage for " + qualifiedPath + ": " + e.getMessage(), e);
        }
    }
}
