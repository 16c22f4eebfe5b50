package sediment.core.storage;

import org.apache.hadoop.conf.Configuration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider for the made-up scheme {@code sediment-test:}, registered for core's tests only. */
public final class RecordingStorageProvider implements StorageProvider {
    static final List<String> OPENED = new CopyOnWriteArrayList<>();

    @Override
    public boolean supports(String scheme) {
        return scheme.equals("sediment-test");
    }

    @Override
    public Storage open(String qualifiedPath, Configuration hadoopConf) {
        OPENED.add(qualifiedPath);
        return new LocalStorage();
    }
}
