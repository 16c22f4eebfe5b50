package sediment.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small S3 stand-in for path-style requests, keeping objects in memory: GetObject, HeadObject,
 * PutObject (honouring {@code If-None-Match: *} atomically, answering 412 as S3 does), CopyObject,
 * DeleteObject, DeleteObjects and ListObjectsV2 (prefix, delimiter, max-keys, continuation).
 */
final class FakeS3 implements AutoCloseable {
    private final HttpServer server;
    private final NavigableMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    FakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** The s3a settings that point S3Storage at this fake, as a cluster's would point it at S3. */
    org.apache.hadoop.conf.Configuration hadoopConf() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        conf.set("fs.s3a.endpoint", endpoint());
        conf.setBoolean("fs.s3a.path.style.access", true);
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.access.key", "test");
        conf.set("fs.s3a.secret.key", "test");
        return conf;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Objects by "bucket/key". */
    NavigableMap<String, byte[]> objects() {
        return objects;
    }

    /** "METHOD /path?query [If-None-Match]" for each request so far. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())
                    + (ifNoneMatch == null ? "" : " If-None-Match:" + ifNoneMatch));
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            byte[] body = decode(ex, ex.getRequestBody().readAllBytes());
            switch (ex.getRequestMethod()) {
                case "GET" -> {
                    if (key.isEmpty() && "2".equals(query.get("list-type"))) {
                        list(ex, bucket, query);
                    } else {
                        byte[] content = objects.get(bucket + "/" + key);
                        if (content == null) {
                            error(ex, 404, "NoSuchKey", "The specified key does not exist.");
                        } else {
                            send(ex, 200, "application/octet-stream", content);
                        }
                    }
                }
                case "HEAD" -> {
                    byte[] content = objects.get(bucket + "/" + key);
                    ex.getResponseHeaders().set("Content-Length", String.valueOf(content == null ? 0 : content.length));
                    ex.sendResponseHeaders(content == null ? 404 : 200, -1);
                }
                case "PUT" -> {
                    String copySource = ex.getRequestHeaders().getFirst("x-amz-copy-source");
                    if (copySource != null) {
                        String source = URLDecoder.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource,
                                StandardCharsets.UTF_8);
                        byte[] content = objects.get(source);
                        if (content == null) {
                            error(ex, 404, "NoSuchKey", "The specified key does not exist.");
                            return;
                        }
                        objects.put(bucket + "/" + key, content);
                        send(ex, 200, "application/xml", ("<CopyObjectResult><ETag>\"e\"</ETag><LastModified>"
                                + Instant.now() + "</LastModified></CopyObjectResult>").getBytes(StandardCharsets.UTF_8));
                    } else if ("*".equals(ifNoneMatch)) {
                        if (objects.putIfAbsent(bucket + "/" + key, body) == null) {
                            ok(ex);
                        } else {
                            error(ex, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
                        }
                    } else {
                        objects.put(bucket + "/" + key, body);
                        ok(ex);
                    }
                }
                case "DELETE" -> {
                    objects.remove(bucket + "/" + key);
                    ex.sendResponseHeaders(204, -1);
                }
                case "POST" -> {
                    if (!query.containsKey("delete")) {
                        error(ex, 501, "NotImplemented", "not in this fake");
                        return;
                    }
                    Matcher m = Pattern.compile("<Key>(.*?)</Key>").matcher(new String(body, StandardCharsets.UTF_8));
                    while (m.find()) {
                        objects.remove(bucket + "/" + unescape(m.group(1)));
                    }
                    send(ex, 200, "application/xml", "<DeleteResult></DeleteResult>".getBytes(StandardCharsets.UTF_8));
                }
                default -> error(ex, 405, "MethodNotAllowed", ex.getRequestMethod());
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void list(HttpExchange ex, String bucket, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        String after = query.get("continuation-token");
        StringBuilder contents = new StringBuilder();
        TreeSet<String> commonPrefixes = new TreeSet<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, byte[]> e : objects.tailMap(bucket + "/" + prefix, true).entrySet()) {
            if (!e.getKey().startsWith(bucket + "/" + prefix)) {
                break;
            }
            String key = e.getKey().substring(bucket.length() + 1);
            String item = key;
            if (delimiter != null) {
                int d = key.indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    item = key.substring(0, d + delimiter.length());
                }
            }
            if (after != null && item.compareTo(after) <= 0) {
                continue;
            }
            boolean isPrefix = !item.equals(key);
            if (isPrefix && commonPrefixes.contains(item)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            count++;
            last = item;
            if (isPrefix) {
                commonPrefixes.add(item);
            } else {
                contents.append("<Contents><Key>").append(escape(key)).append("</Key><LastModified>")
                        .append("2026-01-02T03:04:05.000Z</LastModified><ETag>\"e\"</ETag><Size>")
                        .append(e.getValue().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.append("<Name>").append(bucket).append("</Name><Prefix>").append(escape(prefix)).append("</Prefix>")
                .append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>").append(maxKeys).append("</MaxKeys>");
        if (delimiter != null) {
            xml.append("<Delimiter>").append(escape(delimiter)).append("</Delimiter>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            xml.append("<NextContinuationToken>").append(escape(last)).append("</NextContinuationToken>");
        }
        xml.append(contents);
        for (String p : commonPrefixes) {
            xml.append("<CommonPrefixes><Prefix>").append(escape(p)).append("</Prefix></CommonPrefixes>");
        }
        xml.append("</ListBucketResult>");
        send(ex, 200, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The payload of an aws-chunked body ("hex-size;chunk-signature=...\r\n data \r\n ... 0\r\n trailers"). */
    private static byte[] decode(HttpExchange ex, byte[] body) {
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        String sha = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
        boolean chunked = (encoding != null && encoding.contains("aws-chunked")) || (sha != null && sha.startsWith("STREAMING-"));
        if (!chunked) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int eol = indexOf(body, pos);
            String header = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
            int semi = header.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? header : header.substring(0, semi)).trim(), 16);
            pos = eol + 2;
            if (size == 0) {
                break;
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static void ok(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("ETag", "\"e\"");
        ex.sendResponseHeaders(200, -1);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>" + escape(message) + "</Message><RequestId>r</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] content) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(content);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
