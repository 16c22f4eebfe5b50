package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;

/**
 * Storage for a URI scheme that Hadoop's FileSystem cannot serve well, found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/sediment.core.storage.StorageProvider}
 * file in the provider's jar). {@link Storages#forPath} asks providers for every non-local path
 * before falling back to {@link HadoopStorage}; the first provider that supports the scheme wins.
 * The {@code sediment-aws-storage} module provides {@code s3a://} and {@code s3://} this way.
 */
public interface StorageProvider {

    /** Whether this provider serves paths with the given scheme (lower case, without the colon). */
    boolean supports(String scheme);

    /**
     * Storage for paths under {@code qualifiedPath}. {@code hadoopConf} is the configuration Hadoop
     * would use for the same path (never null), so a provider can honour the same settings.
     */
    Storage open(String qualifiedPath, Configuration hadoopConf) throws IOException;
}
