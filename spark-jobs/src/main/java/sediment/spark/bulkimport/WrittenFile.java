package sediment.spark.bulkimport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What one winning task wrote: one sorted file for one leaf. Tasks return it to the driver as Java-serialized
 * bytes ({@link #toBytes}): task results go through {@code spark.serializer}, and Kryo, which
 * {@code conf/spark-defaults.conf} sets, cannot serialize a record ("can't get field offset on a record class").
 */
public record WrittenFile(int leafIndex, String path, long rows, List<Object> minRowKey, List<Object> maxRowKey)
        implements Serializable {

    public static byte[] toBytes(WrittenFile file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static WrittenFile fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (WrittenFile) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
