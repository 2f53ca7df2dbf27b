package storage.s3;

import storage.*;

import com.fasterxml.jackson.databind.JavaType;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.*;
import tech.tablesaw.api.Table;

import java.io.*;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link Store} in an S3 bucket (AWS S3 or an S3-compatible server), through the AWS SDK for Java v2.
 *
 * <p>URI: {@code s3://bucket[/prefix][?endpoint=URL&pathStyle=true&region=R&checksums=when_required&partSize=MiB
 * &connectTimeout=10&requestTimeout=60&callTimeout=600]} (timeouts in seconds: connecting; a server that stops
 * answering, i.e. no byte for that long; one attempt of one call).
 * Only non-secret settings go in the URI. Credentials come from the SDK's default chain (system properties
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey}, environment {@code AWS_ACCESS_KEY_ID}/
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE} and {@code ~/.aws/credentials}, container/instance roles);
 * the region from the URI or the SDK's region chain ({@code AWS_REGION}, {@code aws.region}, profile), else
 * {@code us-east-1} when an endpoint is given; the endpoint from the URI or the SDK's own
 * {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL}. Neither is ever logged.
 * {@code checksums=when_required} stops the SDK from sending the CRC32 checksums several S3-compatible
 * servers reject (the SDK's own {@code AWS_REQUEST_CHECKSUM_CALCULATION} works too).
 *
 * <p>Layout and protocol: see {@link S3Layout}. A save claims the next version number with a conditional
 * put ({@code If-None-Match: *}; 412 means another writer took it, so it moves on to the next number),
 * uploads the payload (multipart above the part size, so large payloads stream through a bounded buffer),
 * then writes the manifest. A version is visible only once its manifest exists; readers resolve "latest"
 * from manifests only. Payloads are verified against the manifest's SHA-256 as they are read.
 */
public final class S3Store extends AbstractStore {
    static final long HEARTBEAT_MILLIS = 1000;
    static final long LEASE_MILLIS = 5000;
    private static final java.util.concurrent.ScheduledExecutorService HEARTBEAT =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "S3Store-heartbeat");
                t.setDaemon(true);
                return t;
            });
    private static final int MAX_CLAIM_ATTEMPTS = 10_000;
    private static final Set<String> PARAMS = Set.of("endpoint", "pathStyle", "region", "checksums", "partSize", "pageSize",
            "connectTimeout", "requestTimeout", "callTimeout");

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final S3Layout layout;
    private final String uri;
    private final int partSize;
    private final int pageSize;

    S3Store(S3Client s3, String bucket, String prefix, String uri, int partSize, int pageSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.layout = new S3Layout(prefix);
        this.uri = uri;
        this.partSize = partSize;
        this.pageSize = pageSize;
    }

    /** Opens {@code s3://bucket/prefix?...} (see the class comment). The bucket must exist. */
    public static S3Store open(String uri) {
        if (uri == null || !uri.startsWith("s3://")) throw new IllegalArgumentException("not an s3:// URI: " + uri);
        String rest = uri.substring(5);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.contains("@"))
            throw new IllegalArgumentException("store URI 's3://" + Stores.redact(rest) + "...': credentials never go in the URI;"
                    + " use the AWS SDK's standard chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials)");
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9]"))
            throw new IllegalArgumentException("store URI '" + uri + "': '" + bucket + "' is not a valid bucket name (3-63 of a-z 0-9 . - _)");
        try {
            StorageKey.prefix(prefix);
        } catch (StorageException.InvalidKey e) {
            throw new IllegalArgumentException("store URI '" + uri + "': prefix " + e.getMessage().replaceFirst("^invalid key ", ""));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                if (!PARAMS.contains(k))
                    throw new IllegalArgumentException("store URI s3://" + bucket + "/" + prefix + ": unknown setting '" + k + "' (known: "
                            + new TreeSet<>(PARAMS) + "; credentials come from the AWS SDK's standard chain, never the URI)");
                params.put(k, v);
            }
        }
        // Bounded time for every fault: connecting, a server that stops answering mid-request (socket timeout),
        // and one attempt of a call as a whole (a stalled upload of a large part); the SDK retries a few times.
        int connect = params.containsKey("connectTimeout") ? parseInt("connectTimeout", params.get("connectTimeout"), 1, 3600) : 10;
        int request = params.containsKey("requestTimeout") ? parseInt("requestTimeout", params.get("requestTimeout"), 1, 3600) : 60;
        int call = params.containsKey("callTimeout") ? parseInt("callTimeout", params.get("callTimeout"), 1, 86400) : 600;
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(connect)).socketTimeout(Duration.ofSeconds(request)))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(call)));
        String endpoint = params.get("endpoint");
        if (endpoint != null) {
            URI e;
            try {
                e = URI.create(endpoint);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("store URI: endpoint '" + endpoint + "' is not a URL");
            }
            if (e.getScheme() == null || !(e.getScheme().equals("http") || e.getScheme().equals("https")) || e.getUserInfo() != null)
                throw new IllegalArgumentException("store URI: endpoint must be http(s)://host[:port] without credentials");
            b.endpointOverride(e);
        }
        if (params.containsKey("pathStyle")) b.forcePathStyle(parseBoolean("pathStyle", params.get("pathStyle")));
        String region = params.get("region");
        if (region == null) {
            try {
                region = new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkException ex) {
                if (endpoint == null && System.getenv("AWS_ENDPOINT_URL_S3") == null && System.getenv("AWS_ENDPOINT_URL") == null)
                    throw new IllegalArgumentException("store URI " + uri + ": no AWS region: set AWS_REGION, a profile region, or add"
                            + " region=... to the URI");
                region = "us-east-1";   // S3-compatible servers ignore it, but SigV4 needs one
            }
        }
        b.region(Region.of(region));
        String checksums = params.get("checksums");
        if (checksums != null) {
            switch (checksums.toLowerCase(Locale.ROOT)) {
                case "when_required" -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
                case "when_supported" -> b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
                default -> throw new IllegalArgumentException("store URI: checksums must be when_required or when_supported, not '" + checksums + "'");
            }
        }
        int partMiB = params.containsKey("partSize") ? parseInt("partSize", params.get("partSize"), 5, 4096) : 8;
        int pageSize = params.containsKey("pageSize") ? parseInt("pageSize", params.get("pageSize"), 1, 1000) : 1000;
        S3Client client;
        try {
            client = b.build();
        } catch (SdkException ex) {
            throw new StorageException.BackendFailure(uri, "cannot create the S3 client for " + uri + ": " + ex.getMessage(), ex);
        }
        String shown = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (query.isEmpty() ? "" : "?" + query);
        S3Store store = new S3Store(client, bucket, prefix, shown, partMiB << 20, pageSize);
        store.checkBucket();
        return store;
    }

    private static boolean parseBoolean(String name, String v) {
        if (v.equalsIgnoreCase("true") || v.isEmpty()) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("store URI: " + name + " must be true or false, not '" + v + "'");
    }

    private static int parseInt(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("store URI: " + name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
    }

    private void checkBucket() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (NoSuchBucketException e) {
            throw new StorageException.BackendFailure(uri, "S3 bucket '" + bucket + "' does not exist (store " + uri + ")", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404)
                throw new StorageException.BackendFailure(uri, "S3 bucket '" + bucket + "' does not exist (store " + uri + ")", e);
            throw failure(uri, "open store " + uri, e);
        } catch (SdkException e) {
            throw failure(uri, "open store " + uri, e);
        }
    }

    @Override
    public String uri() { return uri; }

    @Override
    public String toString() { return "S3Store[" + uri + "]"; }

    @Override
    public void close() { s3.close(); }

    private StorageException failure(String key, String what, SdkException e) {
        String msg = e.getMessage();
        if (e instanceof S3Exception se) {
            String code = se.awsErrorDetails() == null ? null : se.awsErrorDetails().errorCode();
            msg = "HTTP " + se.statusCode() + (code == null ? "" : " " + code)
                    + (se.statusCode() == 403 ? " (check the credentials the AWS SDK's default chain finds, and the bucket policy)" : "")
                    + (se.awsErrorDetails() == null || se.awsErrorDetails().errorMessage() == null ? "" : ": " + se.awsErrorDetails().errorMessage());
        }
        return new StorageException.BackendFailure(key, "cannot " + what + " (" + uri + "): " + msg, e);
    }

    private static boolean isStatus(SdkException e, int... codes) {
        if (!(e instanceof S3Exception se)) return false;
        for (int c : codes) if (se.statusCode() == c) return true;
        return false;
    }

    // ------------------------------------------------------------------ listing

    /** What one key's version folder holds. */
    private record Versions(TreeMap<Long, EnumSet<S3Layout.Part>> parts) {
        List<Long> complete() {
            List<Long> out = new ArrayList<>();
            parts.forEach((v, p) -> {
                if (p.contains(S3Layout.Part.MANIFEST) && !p.contains(S3Layout.Part.TOMBSTONE)) out.add(v);
            });
            return out;
        }

        long highest() { return parts.isEmpty() ? 0 : parts.lastKey(); }

        /** Claimed, not complete, not abandoned: a save in progress, or a dead writer's leftover. */
        boolean pending(long v) {
            EnumSet<S3Layout.Part> p = parts.get(v);
            return p != null && p.contains(S3Layout.Part.CLAIM) && !p.contains(S3Layout.Part.MANIFEST) && !p.contains(S3Layout.Part.TOMBSTONE);
        }
    }

    private Versions scan(String key) {
        TreeMap<Long, EnumSet<S3Layout.Part>> parts = new TreeMap<>();
        listObjects(layout.versionsDir(key), key, o -> layout.parse(o.key()).ifPresent(it -> {
            if (!it.key().equals(key)) return;
            parts.computeIfAbsent(it.version(), v -> EnumSet.noneOf(S3Layout.Part.class)).add(it.part());
        }));
        return new Versions(parts);
    }

    /** Lists every object under {@code s3Prefix}, page by page (continuation tokens), without caching. */
    private void listObjects(String s3Prefix, String key, java.util.function.Consumer<S3Object> each) {
        try {
            ListObjectsV2Request req = ListObjectsV2Request.builder().bucket(bucket).prefix(s3Prefix).maxKeys(pageSize).build();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(req)) page.contents().forEach(each);
        } catch (SdkException e) {
            throw failure(key, "list \"" + key + "\"", e);
        }
    }

    @Override
    public List<Long> versions(String key) {
        StorageKey k = StorageKey.of(key);
        return List.copyOf(scan(k.value()).complete());
    }

    @Override
    public List<String> list(String prefix) {
        String pv = StorageKey.prefix(prefix).value();
        Map<String, TreeMap<Long, EnumSet<S3Layout.Part>>> byKey = new HashMap<>();
        listObjects(layout.listPrefix(pv), pv, o -> layout.parse(o.key()).ifPresent(it -> {
            if (!pv.isEmpty() && !it.key().equals(pv) && !it.key().startsWith(pv + "/")) return;
            byKey.computeIfAbsent(it.key(), x -> new TreeMap<>()).computeIfAbsent(it.version(), v -> EnumSet.noneOf(S3Layout.Part.class)).add(it.part());
        }));
        List<String> out = new ArrayList<>();
        byKey.forEach((k, parts) -> {
            if (!new Versions(parts).complete().isEmpty()) out.add(k);
        });
        Collections.sort(out);
        return out;
    }

    // ------------------------------------------------------------------ saves

    /**
     * Claim, upload, fenced commit, publish. The claim object is the one arbiter of its version: every change
     * to it (heartbeat, commit, abandon) is a conditional put on the ETag the changer last saw, so of a paused
     * writer's commit and another writer's take-over exactly one succeeds. The commit writes the manifest into
     * the claim ({@code committed}); only then is the manifest object published, by this writer or - if it
     * dies in between - by the next one that looks (roll forward). A writer whose claim was taken over gets
     * {@link StorageException.BackendFailure}, never a success.
     */
    @Override
    protected Metadata saveEncoded(StorageKey k, Kind kind, String format, TableSchema schema, PayloadWriter writer, SaveOption... options) {
        String key = k.value();
        boolean createOnly = options != null && Arrays.asList(options).contains(SaveOption.CREATE_ONLY);
        Claim claim = claim(key, createOnly);
        long version = claim.version;
        java.util.concurrent.ScheduledFuture<?> beat = HEARTBEAT.scheduleWithFixedDelay(() -> heartbeat(claim),
                HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        boolean committed = false;
        String dataObject = layout.object(key, version, S3Layout.Part.DATA);
        try {
            Upload up = new Upload(key, dataObject);
            try {
                writer.write(up);
                up.finish();
            } catch (IOException | RuntimeException e) {
                up.abort();
                if (e instanceof StorageException se) throw se;
                if (e instanceof UncheckedIOException u && u.getCause() != null) throw failureOf(key, u.getCause());
                if (e instanceof IOException || e instanceof SdkException) throw failureOf(key, e);
                throw e;
            }
            Metadata m = new Metadata(key, version, kind, up.size, HexFormat.of().formatHex(up.sha.digest()), Instant.now(), format, schema);
            byte[] manifest = encodeManifest(m);
            beat.cancel(false);
            commit(claim, manifest);
            committed = true;
            publish(key, version, manifest);
            return m;
        } catch (IOException e) {
            throw new StorageException.BackendFailure(key, "cannot save \"" + key + "\" (" + uri + "): " + e, e);
        } finally {
            beat.cancel(false);
            if (!committed) abandonOwn(claim, dataObject);
        }
    }

    /** A claimed version number, the token that proves it is ours, and the claim's ETag as we last wrote it. */
    private static final class Claim {
        final String key;
        final long version;
        final String token;
        final String object;
        long beats;
        String etag;
        boolean lost, finished;

        Claim(String key, long version, String token, String object) {
            this.key = key;
            this.version = version;
            this.token = token;
            this.object = object;
        }

        byte[] body() { return (token + "\n" + beats + "\n").getBytes(StandardCharsets.US_ASCII); }
    }

    /** What a claim object says: {@code TOKEN\nBEATS\n} (in progress), {@code TOKEN\ncommitted\nMANIFEST}, or {@code abandoned\n}. */
    private record ClaimState(byte[] body, String etag) {
        String text() { return new String(body, StandardCharsets.UTF_8); }

        boolean abandoned() { return text().startsWith(ABANDONED); }

        /** The manifest a committed claim carries, else null. */
        byte[] committedManifest() {
            String t = text();
            int nl = t.indexOf('\n');
            if (nl < 0 || !t.startsWith(COMMITTED, nl + 1)) return null;
            int start = t.substring(0, nl + 1 + COMMITTED.length()).getBytes(StandardCharsets.UTF_8).length;
            return Arrays.copyOfRange(body, start, body.length);
        }
    }

    private static final String COMMITTED = "committed\n", ABANDONED = "abandoned\n";

    /** The claim object of version {@code v} with its ETag, or null if there is none. */
    private ClaimState readClaim(String key, String object) {
        return orNullIfMissing(key, () -> {
            var r = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(object).build());
            return new ClaimState(r.asByteArray(), r.response().eTag());
        });
    }

    /** The lookup's result, or null when the object does not exist (404); other failures name the key. */
    private <T> T orNullIfMissing(String key, java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return null;
            throw failure(key, "look up \"" + key + "\"", e);
        } catch (SdkException e) {
            throw failure(key, "look up \"" + key + "\"", e);
        }
    }

    /**
     * A conditional put of {@code body} on {@code object} if its ETag is still {@code etag}: the new ETag, or
     * null if the object changed (or vanished) meanwhile. An ambiguous outcome (a 412 on the SDK's retry of a
     * put that had in fact succeeded) is settled by reading the object back.
     */
    private String putIfMatch(String key, String object, String etag, byte[] body) {
        try {
            return s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object).ifMatch(etag).build(), RequestBody.fromBytes(body)).eTag();
        } catch (S3Exception e) {
            if (!isStatus(e, 412, 404, 409)) throw failure(key, "save \"" + key + "\"", e);
        } catch (SdkException e) {
            // connection-level failure: look
        }
        ClaimState now = readClaim(key, object);
        return now != null && Arrays.equals(now.body, body) ? now.etag : null;
    }

    /** Rewrites the claim with a new beat count (new ETag), fenced on the ETag we last wrote. */
    private void heartbeat(Claim c) {
        synchronized (c) {
            if (c.finished || c.lost) return;
            c.beats++;
            try {
                String tag = putIfMatch(c.key, c.object, c.etag, c.body());
                if (tag == null) c.lost = true; else c.etag = tag;
            } catch (RuntimeException ignored) {
                // a missed beat only makes this save look idle for a moment
            }
        }
    }

    /** The commit point: the claim, still ours, becomes {@code committed} with the manifest; else BackendFailure. */
    private void commit(Claim c, byte[] manifest) {
        synchronized (c) {
            c.finished = true;
            if (!c.lost) {
                byte[] head = (c.token + "\n" + COMMITTED).getBytes(StandardCharsets.UTF_8);
                byte[] body = Arrays.copyOf(head, head.length + manifest.length);
                System.arraycopy(manifest, 0, body, head.length, manifest.length);
                String tag = putIfMatch(c.key, c.object, c.etag, body);
                if (tag != null) {
                    c.etag = tag;
                    return;
                }
                c.lost = true;
            }
            throw new StorageException.BackendFailure(c.key, "cannot save \"" + c.key + "\": this writer lost its claim on version "
                    + c.version + " (it was paused or cut off for longer than the " + LEASE_MILLIS + " ms lease and another writer"
                    + " took the key over); nothing was saved (" + uri + ")", null);
        }
    }

    /** Makes a committed version visible: its manifest object, create-only (someone rolling forward may have written it). */
    private void publish(String key, long v, byte[] manifest) {
        try {
            put(key, layout.object(key, v, S3Layout.Part.MANIFEST), manifest, true);
        } catch (S3Exception e) {
            // 412: already published (the same bytes: both come from the committed claim)
        }
    }

    private StorageException failureOf(String key, Throwable e) {
        if (e instanceof SdkException se) return failure(key, "save \"" + key + "\"", se);
        return new StorageException.BackendFailure(key, "cannot save \"" + key + "\" (" + uri + "): " + e, e);
    }

    /** Best effort, for our own failed save: mark the claim abandoned (if still ours), tombstone it, drop the payload. */
    private void abandonOwn(Claim c, String dataObject) {
        try {
            synchronized (c) {
                c.finished = true;
                if (!c.lost && c.etag != null) putIfMatch(c.key, c.object, c.etag, ABANDONED.getBytes(StandardCharsets.US_ASCII));
            }
            put(c.key, layout.object(c.key, c.version, S3Layout.Part.TOMBSTONE), new byte[0], false);
            if (dataObject != null) delete(c.key, dataObject);
        } catch (RuntimeException ignored) {
            // an unmarked claim stops beating; the next writer that looks takes it over
        }
    }

    /**
     * Claims the next free version number with a create-only put. With {@code createOnly}, fails when the key
     * has a complete version or a save in progress, and when another writer claims concurrently.
     */
    private Claim claim(String key, boolean createOnly) {
        Versions vs = scan(key);
        if (createOnly) refuseIfBusy(key, vs, Long.MAX_VALUE);
        long n = vs.highest() + 1;
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++, n++) {
            Claim c = tryClaim(key, n);
            if (c != null) {
                if (createOnly) {
                    try {
                        refuseIfBusy(key, scan(key), n);
                    } catch (StorageException e) {
                        abandonOwn(c, null);
                        throw e;
                    }
                }
                return c;
            }
            if (createOnly)
                throw new StorageException.AlreadyExists(key, "key \"" + key + "\" is being saved by another writer (" + uri + ");"
                        + " saved with CREATE_ONLY");
            // Another writer owns n: the conditional put is the arbiter, so simply try the next number
            // (no re-listing); back off a little when it keeps happening.
            if (attempt % 8 == 7) {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 10 + Math.min(attempt, 100)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageException.BackendFailure(key, "interrupted while saving \"" + key + "\"", ie);
                }
                n = Math.max(n, scan(key).highest());
            }
        }
        throw new StorageException.BackendFailure(key, "cannot save \"" + key + "\": no free version number after "
                + MAX_CLAIM_ATTEMPTS + " attempts (" + uri + ")", null);
    }

    /**
     * Creates the claim object of version {@code n} with If-None-Match: *. The claim holds a random token, so
     * an ambiguous outcome (a 412 on an SDK retry of a put that had in fact succeeded, or a connection the
     * server closed after answering) is settled by reading the claim back: it is ours only if it holds our token.
     */
    private Claim tryClaim(String key, long n) {
        String object = layout.object(key, n, S3Layout.Part.CLAIM);
        Claim claim = new Claim(key, n, UUID.randomUUID().toString(), object);
        try {
            claim.etag = s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object).ifNoneMatch("*").build(),
                    RequestBody.fromBytes(claim.body())).eTag();
            if (claim.etag != null) return claim;
        } catch (S3Exception e) {
            if (!isStatus(e, 412, 409)) throw failure(key, "save \"" + key + "\"", e);
        } catch (SdkException e) {
            // connection-level failure: fall through and look
        }
        ClaimState got = readClaim(key, object);
        if (got == null) return null;   // nothing was written; the next number is tried (this one stays free: a harmless gap)
        if (!Arrays.equals(got.body, claim.body())) return null;
        claim.etag = got.etag;
        return claim;
    }

    /**
     * For create-only saves: AlreadyExists if the key has a complete version, or a live save in progress with
     * a number below {@code below}. See {@link #alive}: a dead writer's claim is taken over, a committed one
     * rolled forward.
     */
    private void refuseIfBusy(String key, Versions vs, long below) {
        List<Long> complete = vs.complete();
        if (!complete.isEmpty())
            throw new StorageException.AlreadyExists(key, "key \"" + key + "\" already exists (versions " + complete + ") in " + uri
                    + "; saved with CREATE_ONLY");
        for (long v : vs.parts().keySet()) {
            if (v >= below || !vs.pending(v)) continue;
            if (alive(key, v))
                throw new StorageException.AlreadyExists(key, "key \"" + key + "\" is being saved by another writer (version " + v
                        + " in progress) in " + uri + "; saved with CREATE_ONLY");
        }
    }

    /**
     * Whether pending version {@code v} is alive. Committed (its manifest is in the claim): rolled forward
     * (its manifest published) and alive. In progress: alive if its claim changes (a heartbeat) within
     * {@link #LEASE_MILLIS}; else taken over - marked abandoned with a put conditional on the ETag seen, so a
     * writer that wakes up meanwhile either beat us to it (then it is alive) or finds its claim gone.
     */
    private boolean alive(String key, long v) {
        String object = layout.object(key, v, S3Layout.Part.CLAIM);
        long deadline = System.nanoTime() + LEASE_MILLIS * 1_000_000L;
        String first = null;
        while (true) {
            if (exists(key, layout.object(key, v, S3Layout.Part.MANIFEST))) return true;
            if (exists(key, layout.object(key, v, S3Layout.Part.TOMBSTONE))) return false;
            ClaimState s = readClaim(key, object);
            if (s == null) return false;
            byte[] manifest = s.committedManifest();
            if (manifest != null) {
                if (validCommittedManifest(key, v, manifest)) publish(key, v, manifest);
                return true;
            }
            if (s.abandoned()) {
                put(key, layout.object(key, v, S3Layout.Part.TOMBSTONE), new byte[0], false);
                return false;
            }
            if (first == null) first = s.etag;
            else if (!first.equals(s.etag)) return true;
            if (System.nanoTime() >= deadline) {
                if (putIfMatch(key, object, s.etag, ABANDONED.getBytes(StandardCharsets.US_ASCII)) == null) return true;
                put(key, layout.object(key, v, S3Layout.Part.TOMBSTONE), new byte[0], false);
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException.BackendFailure(key, "interrupted while saving \"" + key + "\"", e);
            }
        }
    }

    /** A manifest found in a committed claim is published only if it describes that version of that key. */
    private static boolean validCommittedManifest(String key, long v, byte[] manifest) {
        try {
            decodeManifest(key, v, manifest);
            return true;
        } catch (StorageException.Corrupt e) {
            return false;
        }
    }

    private boolean exists(String key, String object) {
        return etag(key, object) != null;
    }

    private String etag(String key, String object) {
        return orNullIfMissing(key, () -> s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(object).build()).eTag());
    }

    /** A small put; {@code createOnly} adds If-None-Match: * (S3 answers 412 if the object exists). */
    private void put(String key, String object, byte[] body, boolean createOnly) {
        PutObjectRequest.Builder r = PutObjectRequest.builder().bucket(bucket).key(object);
        if (createOnly) r.ifNoneMatch("*");
        try {
            s3.putObject(r.build(), RequestBody.fromBytes(body));
        } catch (S3Exception e) {
            if (createOnly && isStatus(e, 412, 409)) throw e;
            throw failure(key, "write \"" + key + "\"", e);
        } catch (SdkException e) {
            throw failure(key, "write \"" + key + "\"", e);
        }
    }

    /**
     * An output stream into one S3 object: one PutObject when everything fits in a part, else a multipart
     * upload with parts of {@link #partSize} (memory stays one part). Hashes and counts what passes.
     */
    private final class Upload extends OutputStream {
        private final String key;
        private final String object;
        private final byte[] buf = new byte[partSize];
        private int pos;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        final MessageDigest sha = Hashing.sha256();
        long size;

        Upload(String key, String object) {
            this.key = key;
            this.object = object;
        }

        @Override
        public void write(int b) {
            if (pos == buf.length) uploadPart();
            buf[pos++] = (byte) b;
            sha.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            sha.update(b, off, len);
            size += len;
            while (len > 0) {
                if (pos == buf.length) uploadPart();
                int n = Math.min(len, buf.length - pos);
                System.arraycopy(b, off, buf, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        private void uploadPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(object).build()).uploadId();
            }
            int number = parts.size() + 1;
            UploadPartResponse r = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(object).uploadId(uploadId)
                    .partNumber(number).contentLength((long) pos).build(), RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, pos), pos));
            parts.add(CompletedPart.builder().partNumber(number).eTag(r.eTag()).build());
            pos = 0;
        }

        void finish() {
            if (uploadId == null) {
                s3.putObject(PutObjectRequest.builder().bucket(bucket).key(object).contentLength((long) pos).build(),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buf, 0, pos), pos));
                return;
            }
            if (pos > 0) uploadPart();
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(object).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
        }

        void abort() {
            if (uploadId == null) return;
            try {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(object).uploadId(uploadId).build());
            } catch (SdkException ignored) {
                // the bucket's lifecycle rule for incomplete uploads cleans up what this cannot
            }
        }
    }

    // ------------------------------------------------------------------ loads

    @Override
    protected Metadata manifest(StorageKey k, long version) {
        String key = k.value();
        Versions vs = scan(key);
        List<Long> complete = vs.complete();
        long v;
        if (version == LATEST) {
            if (complete.isEmpty()) throw noSuchKey(key);
            v = complete.get(complete.size() - 1);
        } else {
            v = checkPinned(key, version);
            if (!complete.contains(v)) throw noSuchVersion(key, v, complete);
        }
        byte[] json;
        try {
            json = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(layout.object(key, v, S3Layout.Part.MANIFEST)).build()).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new StorageException.NotFound(key, "\"" + key + "\" version " + v + " was deleted");
        } catch (SdkException e) {
            throw failure(key, "read the manifest of \"" + key + "\" version " + v, e);
        }
        Metadata m = decodeManifest(key, v, json);
        return m;
    }

    @Override
    protected InputStream openPayload(StorageKey k, Metadata m) {
        String key = k.value();
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(layout.object(key, m.version(), S3Layout.Part.DATA)).build());
        } catch (NoSuchKeyException e) {
            throw new StorageException.NotFound(key, "\"" + key + "\" version " + m.version() + " was deleted (its payload is gone)");
        } catch (SdkException e) {
            throw failure(key, "read \"" + key + "\" version " + m.version(), e);
        }
    }

    @Override
    protected StorageException readFailure(String key, RuntimeException e) {
        return e instanceof SdkException se ? failure(key, "read \"" + key + "\"", se) : null;
    }

    // ------------------------------------------------------------------ deletes and retention

    @Override
    protected void deleteOnce(StorageKey k, long version) {
        List<Long> complete = scan(k.value()).complete();
        if (complete.isEmpty()) throw noSuchKey(k.value());
        if (!complete.contains(version)) throw noSuchVersion(k.value(), version, complete);
        remove(k.value(), version);
    }

    /** Tombstone first (the version turns invisible at once), then the manifest and the payload; the claim stays. */
    private void remove(String key, long v) {
        put(key, layout.object(key, v, S3Layout.Part.TOMBSTONE), new byte[0], false);
        delete(key, layout.object(key, v, S3Layout.Part.MANIFEST));
        delete(key, layout.object(key, v, S3Layout.Part.DATA));
    }

    private void delete(String key, String object) {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(object).build());
        } catch (SdkException e) {
            throw failure(key, "delete \"" + key + "\"", e);
        }
    }

    @Override
    public int retain(String key, int keepNewest) {
        if (keepNewest < 1) throw new IllegalArgumentException("retain(\"" + key + "\", " + keepNewest + "): keepNewest must be >= 1");
        StorageKey k = StorageKey.of(key);
        Versions vs = scan(k.value());
        List<Long> complete = vs.complete();
        if (complete.isEmpty()) throw noSuchKey(key);
        int deleted = 0;
        for (int i = 0; i < complete.size() - keepNewest; i++) {
            remove(k.value(), complete.get(i));
            deleted++;
        }
        // Leftovers of deleted and abandoned versions, except the highest number (it keeps numbers from being reused).
        long highest = vs.highest();
        for (Map.Entry<Long, EnumSet<S3Layout.Part>> e : vs.parts().entrySet()) {
            long v = e.getKey();
            EnumSet<S3Layout.Part> p = e.getValue();
            boolean dead = p.contains(S3Layout.Part.TOMBSTONE)
                    || (vs.pending(v) && !alive(k.value(), v));
            if (v == highest || !dead) continue;
            delete(k.value(), layout.object(k.value(), v, S3Layout.Part.DATA));
            delete(k.value(), layout.object(k.value(), v, S3Layout.Part.CLAIM));
            delete(k.value(), layout.object(k.value(), v, S3Layout.Part.TOMBSTONE));
        }
        return deleted;
    }

    /** The S3 client (for tests and tools that need to look at the bucket directly). */
    S3Client client() { return s3; }

    String bucket() { return bucket; }

    S3Layout layout() { return layout; }

}
