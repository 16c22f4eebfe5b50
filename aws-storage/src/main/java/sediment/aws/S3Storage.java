package sediment.aws;

import sediment.core.storage.Storage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Storage} on S3 through the AWS SDK, for {@code s3a://bucket/key} and {@code s3://bucket/key}
 * paths (the bucket is the authority, the key the path without its leading slash). Directories are
 * key prefixes ending in {@code /}, as S3A sees them.
 *
 * <p>{@link #createIfAbsent} is atomic: it is a PutObject with {@code If-None-Match: *}, which S3
 * refuses with 412 Precondition Failed when the key exists (or with 409 ConditionalRequestConflict
 * while a racing conditional write is in progress), so of two racing writers exactly one succeeds.
 * The table log relies on this and on nothing else here. {@link #rename} is a copy then a delete,
 * key by key: it is not atomic, and the log does not use it.
 */
public final class S3Storage implements Storage {
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;

    public S3Storage(S3Client s3) {
        this.s3 = s3;
    }

    /** A path split into scheme, bucket and key. */
    record Location(String scheme, String bucket, String key) {
        static Location of(String path) {
            int sep = path.indexOf("://");
            if (sep <= 0) {
                throw new IllegalArgumentException("'" + path + "' is not an S3 path (s3a://bucket/key)");
            }
            String scheme = path.substring(0, sep);
            String rest = path.substring(sep + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            while (key.endsWith("/")) {
                key = key.substring(0, key.length() - 1);
            }
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("'" + path + "' names no bucket");
            }
            return new Location(scheme, bucket, key);
        }

        /** The key as a directory prefix: empty for the bucket root, else the key and a slash. */
        String prefix() {
            return key.isEmpty() ? "" : key + "/";
        }

        String pathOf(String otherKey) {
            return scheme + "://" + bucket + "/" + otherKey;
        }
    }

    @Override
    public Optional<byte[]> readIfExists(String path) throws IOException {
        Location l = Location.of(path);
        if (l.key().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw io("read", path, e);
        } catch (RuntimeException e) {
            throw io("read", path, e);
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        Location l = fileLocation(path);
        try {
            s3.putObject(b -> b.bucket(l.bucket()).key(l.key()), RequestBody.fromBytes(content));
        } catch (RuntimeException e) {
            throw io("write", path, e);
        }
    }

    @Override
    public boolean createIfAbsent(String path, byte[] content) throws IOException {
        Location l = fileLocation(path);
        try {
            s3.putObject(b -> b.bucket(l.bucket()).key(l.key()).ifNoneMatch("*"), RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false; // the key exists
            }
            if (e.statusCode() == 409 && "ConditionalRequestConflict".equals(errorCode(e))) {
                return false; // a racing conditional write to the key is in progress: we lost the race
            }
            throw io("create", path, e);
        } catch (RuntimeException e) {
            throw io("create", path, e);
        }
    }

    /** True for an object, or for a prefix with at least one object under it (a directory). */
    @Override
    public boolean exists(String path) throws IOException {
        Location l = Location.of(path);
        try {
            if (!l.key().isEmpty()) {
                try {
                    s3.headObject(b -> b.bucket(l.bucket()).key(l.key()));
                    return true;
                } catch (NoSuchKeyException e) {
                    // perhaps a directory
                } catch (S3Exception e) {
                    if (e.statusCode() != 404) {
                        throw e;
                    }
                }
            }
            ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(l.bucket()).prefix(l.prefix()).maxKeys(1));
            return !r.contents().isEmpty();
        } catch (RuntimeException e) {
            throw io("read", path, e);
        }
    }

    @Override
    public List<FileInfo> list(String dir, boolean recursive) throws IOException {
        Location l = Location.of(dir);
        String prefix = l.prefix();
        List<FileInfo> out = new ArrayList<>();
        try {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(l.bucket()).prefix(prefix);
            if (!recursive) {
                request.delimiter("/");
            }
            for (ListObjectsV2Response r : s3.listObjectsV2Paginator(request.build())) {
                for (S3Object o : r.contents()) {
                    if (o.key().endsWith("/")) {
                        continue; // a directory marker (S3A writes them), not a file
                    }
                    long modified = o.lastModified() == null ? 0 : o.lastModified().toEpochMilli();
                    out.add(new FileInfo(l.pathOf(o.key()), o.size() == null ? 0 : o.size(), modified, false));
                }
                for (CommonPrefix p : r.commonPrefixes()) {
                    String key = p.prefix().endsWith("/") ? p.prefix().substring(0, p.prefix().length() - 1) : p.prefix();
                    out.add(new FileInfo(l.pathOf(key), 0, 0, true));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw io("list", dir, e);
        }
    }

    /** Deletes the object at the path and every object under it as a prefix. */
    @Override
    public boolean delete(String path) throws IOException {
        Location l = Location.of(path);
        try {
            List<String> keys = new ArrayList<>();
            if (!l.key().isEmpty() && objectExists(l.bucket(), l.key())) {
                keys.add(l.key());
            }
            for (FileInfo f : list(path, true)) {
                keys.add(Location.of(f.path()).key());
            }
            if (!l.key().isEmpty() && objectExists(l.bucket(), l.prefix())) {
                keys.add(l.prefix()); // a directory marker
            }
            for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
                List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                        .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(l.bucket())
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                if (r.hasErrors() && !r.errors().isEmpty()) {
                    var first = r.errors().get(0);
                    throw new IOException("Cannot delete " + l.pathOf(first.key()) + ": " + first.code() + " " + first.message());
                }
            }
            return !keys.isEmpty();
        } catch (RuntimeException e) {
            throw io("delete", path, e);
        }
    }

    /**
     * Copies every object, then deletes the sources. Not atomic: a reader may see both, and a failure
     * part way leaves some objects copied. The table log never renames.
     */
    @Override
    public boolean rename(String from, String to) throws IOException {
        Location source = Location.of(from);
        Location target = Location.of(to);
        if (exists(to)) {
            return false;
        }
        List<String[]> moves = new ArrayList<>();
        try {
            if (!source.key().isEmpty() && objectExists(source.bucket(), source.key())) {
                moves.add(new String[]{source.key(), target.key()});
            } else {
                for (FileInfo f : list(from, true)) {
                    String key = Location.of(f.path()).key();
                    moves.add(new String[]{key, target.prefix() + key.substring(source.prefix().length())});
                }
            }
            if (moves.isEmpty()) {
                return false;
            }
            for (String[] m : moves) {
                s3.copyObject(b -> b.sourceBucket(source.bucket()).sourceKey(m[0])
                        .destinationBucket(target.bucket()).destinationKey(m[1]));
            }
        } catch (RuntimeException e) {
            throw io("rename", from, e);
        }
        delete(from);
        return true;
    }

    /** S3 has no directories; a prefix exists as soon as an object is written under it. */
    @Override
    public void mkdirs(String dir) {
    }

    private boolean objectExists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static Location fileLocation(String path) {
        Location l = Location.of(path);
        if (l.key().isEmpty()) {
            throw new IllegalArgumentException("'" + path + "' names a bucket, not an object");
        }
        return l;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static IOException io(String action, String path, RuntimeException e) {
        return new IOException("Cannot " + action + " " + path + ": " + e.getMessage(), e);
    }
}
