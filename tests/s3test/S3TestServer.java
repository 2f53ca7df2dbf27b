//DEPS tools.jackson:jackson-bom:3.2.2@pom
//DEPS org.gaul:s3proxy:4.1.0
//DEPS com.fasterxml.jackson.core:jackson-annotations:2.22
//DEPS jakarta.servlet:jakarta.servlet-api:6.0.0
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS ch.qos.logback:logback-classic:1.5.18
package s3test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;

/**
 * An S3-compatible server (s3proxy) running inside the test JVM on 127.0.0.1, for the S3 backend's
 * tests: real HTTP, real SigV4 authentication, real S3 error codes, no mocks.
 *
 * <p>s3proxy 4.x uses Jackson 3, which needs jackson-annotations 2.22 ({@code JsonSerializeAs}); the storage
 * files import the Jackson 2.20 BOM, which would pin 2.20, so the newer (backward-compatible) annotations
 * are named explicitly above.
 *
 * <p>It listens on 127.0.0.1 only, on a free port, and accepts only the fixed test keys below (they
 * protect nothing: the data is throwaway). Logging is set to WARN before the server starts, because
 * s3proxy and the AWS SDK log canonical signed requests at DEBUG when no configuration is present.
 *
 * <pre>{@code
 * try (var s3 = S3TestServer.start()) {          // in memory; start(dir) keeps blobs on disk
 *     s3.createBucket("test");
 *     s3.useAsDefaultCredentials();              // aws.accessKeyId / aws.secretAccessKey / aws.region
 *     Store store = Stores.open(s3.uri("test", "prefix"));
 * }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {
    /** Fixed test credentials: only this in-process server accepts them. */
    public static final String ACCESS_KEY = "storage-test-access-key";
    public static final String SECRET_KEY = "storage-test-secret-key-not-a-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private S3TestServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    /** A server keeping blobs in memory. */
    public static S3TestServer start() throws Exception {
        return start(new TransientNio2BlobStore());
    }

    /** A server keeping blobs in {@code dir} (created by the caller). */
    public static S3TestServer start(Path dir) throws Exception {
        return start(new FilesystemNio2BlobStore(dir.toString()));
    }

    private static S3TestServer start(BlobStore blobStore) throws Exception {
        quietLogging();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        return new S3TestServer(proxy, blobStore);
    }

    /** WARN for everything: s3proxy, Jetty and the AWS SDK would otherwise log signed requests at DEBUG. */
    public static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) root.setLevel(Level.WARN);
        // else another SLF4J provider (e.g. slf4j-nop) is in charge: nothing is logged at DEBUG anyway
    }

    public int port() {
        return proxy.getPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Creates a bucket directly in the backing blob store (no request through S3). */
    public void createBucket(String bucket) {
        blobStore.createContainer(bucket);
    }

    /**
     * A store URI for this server: {@code s3://bucket/prefix?endpoint=http://127.0.0.1:PORT&pathStyle=true}.
     * Only non-secret settings; credentials come from the SDK's chain (see {@link #useAsDefaultCredentials()}).
     */
    public String uri(String bucket, String prefix) {
        String p = prefix == null || prefix.isEmpty() ? "" : "/" + prefix;
        return "s3://" + bucket + p + "?endpoint=" + endpoint() + "&pathStyle=true";
    }

    /**
     * Points the AWS SDK's default chains at the test keys through the standard system properties
     * ({@code aws.accessKeyId}, {@code aws.secretAccessKey}, {@code aws.region}), which the SDK reads
     * before environment variables and profiles.
     */
    public void useAsDefaultCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", REGION);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
