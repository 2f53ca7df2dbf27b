package storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.DatabindException;
import tech.tablesaw.api.Table;

import java.io.*;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The filesystem backend (local disks and NFS). Layout under the root:
 * <pre>
 *   results/2026-11/summary/@versions/.lock                    key lock (allocation, create-only, deletes)
 *   results/2026-11/summary/@versions/000000000001/data.csv    payload (data.csv | data.json | data.bytes)
 *   results/2026-11/summary/@versions/000000000001/manifest.json   {@link Metadata} as JSON: the commit marker
 * </pre>
 * ({@code @} cannot occur in keys, so a key's bookkeeping never collides with another key.)
 *
 * <p>Save: under the key lock (a JVM lock plus an OS file lock, so threads and processes are both
 * excluded) a create-only save checks that no version is complete or being written by a live writer, the
 * next version number is taken by atomically creating its directory, and the writer takes an OS lock on
 * {@code .writing} inside it, held while it writes (the OS drops it if the process dies, which is how a
 * dead writer is told from a live one). The key lock is then released and the payload is
 * streamed (SHA-256 computed on the way) into the still-invisible directory and fsynced. The version is
 * published by writing {@code manifest.json} to a temporary file, fsyncing it, renaming it atomically and
 * fsyncing the directories. A version without a manifest is invisible; a killed writer leaves only such a
 * directory, which {@link #retain} removes. Numbers are never reused (the highest deleted number stays as
 * an empty directory). Reads verify the SHA-256 and size while streaming and fail with
 * {@link StorageException.Corrupt} before returning anything.
 *
 * <p>Every entry point validates the key with {@link StorageKey} and checks that each existing path
 * component's real path (symbolic links resolved) lies inside the root.
 */
public final class FileStore extends AbstractStore {
    static final String VERSIONS = "@versions", MANIFEST = "manifest.json", LOCK = ".lock", WRITING = ".writing";

    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    /** Version directories being written by this JVM (their OS lock must not be probed from here). */
    private static final Set<Path> LIVE_WRITES = ConcurrentHashMap.newKeySet();

    private final Path root;

    private FileStore(Path root) { this.root = root; }

    /** Opens (creating if needed) a store rooted at {@code root}. */
    public static FileStore open(Path root) {
        try {
            Files.createDirectories(root);
            return new FileStore(root.toRealPath());
        } catch (IOException e) {
            throw new StorageException.BackendFailure(root.toString(), "cannot open file store at " + root + ": " + e, e);
        }
    }

    public Path root() { return root; }

    @Override
    public String uri() { return root.toUri().toString(); }

    @Override
    public String toString() { return "FileStore[" + root + "]"; }

    // ------------------------------------------------------------------ saves

    /** Streams the JSON straight into the version file (no in-memory copy); a value Jackson cannot write
     *  fails mid-save and its version directory is abandoned. */
    @Override
    public Metadata saveObject(String key, Object value, SaveOption... options) {
        StorageKey k = StorageKey.of(key);
        return saveEncoded(k, Kind.OBJECT, "json", null, out -> {
            try {
                Json.mapper().writeValue(new FilterOutputStream(out) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void close() throws IOException { flush(); }
                }, value);
            } catch (JsonProcessingException e) {
                throw new StorageException.WrongType(key, "cannot save object under \"" + key + "\" as JSON ("
                        + (value == null ? "null" : value.getClass().getName()) + "): " + e.getOriginalMessage(), e);
            }
        }, options);
    }

    @Override
    protected Metadata saveEncoded(StorageKey k, Kind kind, String format, TableSchema schema, PayloadWriter writer, SaveOption... options) {
        boolean createOnly = Arrays.asList(options).contains(SaveOption.CREATE_ONLY);
        String key = k.value();
        Path vs = versionsDir(k, true);
        Path vdir = null;
        FileChannel writingCh = null;
        KeyLock lock = lockKey(k, vs);
        try {
            if (createOnly) {
                Long busy = firstCompleteOrLive(vs);
                if (busy != null)
                    throw new StorageException.AlreadyExists(key, "key \"" + key + "\" already exists (version " + busy
                            + "); create-only save refused");
            }
            // a killed writer's partial version: the next writer holding the lock removes it; the versions are
            // listed once for that and for the next number (a key with many versions: one listing per save)
            List<Long> all = numbers(vs);
            if (reclaim(vs, all, 0, new long[1]) > 0) all = numbers(vs);   // rare: what a removal left (e.g. a tombstone)
            long n = (all.isEmpty() ? 0 : all.get(all.size() - 1)) + 1;
            while (true) {
                Path d = vs.resolve(name(n));
                try {
                    LIVE_WRITES.add(d);
                    Files.createDirectory(d);
                    vdir = d;
                    break;
                } catch (FileAlreadyExistsException e) {
                    LIVE_WRITES.remove(d);
                    n++;
                }
            }
            writingCh = FileChannel.open(vdir.resolve(WRITING), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writingCh.lock();
            lock.close(); // a later create-only save sees this version as live through .writing

            MessageDigest md = Hashing.sha256();
            Path data = vdir.resolve("data." + format);
            long size;
            try (FileChannel ch = FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), md);
                writer.write(out);
                out.flush();
                ch.force(true);
                size = ch.size();
            }
            Metadata m = new Metadata(key, n, kind, size, Hashing.hex(md.digest()), Instant.now(), format, schema);
            Path tmp = vdir.resolve(MANIFEST + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(encodeManifest(m)));
                ch.force(true);
            }
            Files.move(tmp, vdir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(vdir);
            fsyncDir(vs);
            return m;
        } catch (StorageException e) {
            abandon(vdir);
            throw e;
        } catch (IOException | RuntimeException e) {
            abandon(vdir);
            throw new StorageException.BackendFailure(key, "cannot save \"" + key + "\" in " + root + ": " + e, e);
        } finally {
            lock.close();
            if (writingCh != null) {
                try {
                    writingCh.close();
                    Files.deleteIfExists(vdir.resolve(WRITING));
                } catch (IOException ignored) {
                    // the file is only a liveness marker; a leftover is harmless
                }
            }
            if (vdir != null) LIVE_WRITES.remove(vdir);
        }
    }

    /** Removes the files of a failed, never-published version (best effort). */
    private void abandon(Path vdir) {
        if (vdir == null) return;
        try {
            removeEntries(vdir, WRITING);
        } catch (IOException | RuntimeException ignored) {
            // an invisible leftover; retain() removes it later
        }
    }

    // ------------------------------------------------------------------ loads

    /** The payload of version {@code m}, opened without following links. */
    @Override
    protected InputStream openPayload(StorageKey k, Metadata m) {
        Path payload = versionsDir(k, false).resolve(name(m.version())).resolve("data." + m.format());
        try {
            return Files.newInputStream(payload, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new StorageException.NotFound(k.value(), "\"" + k.value() + "\" version " + m.version()
                    + " was deleted (payload " + payload + " is gone)");
        } catch (IOException e) {
            refuseLink(k, payload);
            throw new StorageException.BackendFailure(k.value(), "cannot open \"" + k.value() + "\": " + e, e);
        }
    }

    // ------------------------------------------------------------------ metadata, versions, listing

    @Override
    protected Metadata manifest(StorageKey k, long version) {
        String key = k.value();
        Path vs = versionsDir(k, false);
        if (version == LATEST) {
            // one pass; a miss in a race with a save + delete is retried by AbstractStore.latest, as long as exists()
            List<Long> all = numbers(vs);
            for (int i = all.size() - 1; i >= 0; i--) {
                Metadata m = readManifest(k, vs, all.get(i));
                if (m != null) return m;
            }
            throw noSuchKey(key);
        }
        checkPinned(key, version);
        Metadata m = readManifest(k, vs, version);
        if (m == null) throw noSuchVersion(key, version, versions(key));
        return m;
    }

    /** The manifest of one version, or null when that version is not (or no longer) complete. */
    private Metadata readManifest(StorageKey k, Path vs, long n) {
        String key = k.value();
        Path vdir = vs.resolve(name(n));
        byte[] bytes;
        try {
            refuseLink(k, vdir);
            try (InputStream in = Files.newInputStream(vdir.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            refuseLink(k, vdir.resolve(MANIFEST));
            throw new StorageException.BackendFailure(key, "cannot read manifest of \"" + key + "\" version " + n + ": " + e, e);
        }
        return decodeManifest(key, n, bytes);
    }

    /**
     * Passes over a key's listing before {@link #exists} says no: AbstractStore.latest retries a LATEST read that
     * lost a race only while it says yes. One pass can miss every version: between the listing and the checks, a
     * save can publish a version the listing does not hold and retention delete the ones it does (seen once in
     * CI: a LATEST read during save + retain(1) got NotFound). The next pass lists the new one. A listing of
     * only incomplete versions (being written, or a killed writer's leftovers) gives up after these passes.
     */
    private static final int EXISTS_PASSES = 10;

    @Override
    public boolean exists(String key) {
        StorageKey k = StorageKey.of(key);
        Path vs = versionsDir(k, false);
        for (int pass = 0; pass < EXISTS_PASSES; pass++) {
            List<Long> all = numbers(vs);
            if (all.isEmpty()) return false;
            for (int i = all.size() - 1; i >= 0; i--)
                if (hasManifest(vs.resolve(name(all.get(i))))) return true;
        }
        return false;
    }

    @Override
    public List<Long> versions(String key) {
        StorageKey k = StorageKey.of(key);
        Path vs = versionsDir(k, false);
        List<Long> out = new ArrayList<>();
        for (long n : numbers(vs)) if (hasManifest(vs.resolve(name(n)))) out.add(n);
        return out;
    }

    @Override
    protected void deleteOnce(StorageKey k, long version) {
        String key = k.value();
        Path vs = versionsDir(k, false);
        if (!Files.isDirectory(vs)) throw noSuchKey(key);
        try (KeyLock lock = lockKey(k, vs)) {
            Path vdir = vs.resolve(name(version));
            if (!hasManifest(vdir)) throw noSuchVersion(key, version, versions(key));
            removeVersionDir(vs, version);
            fsyncDir(vs);
        } catch (IOException e) {
            throw new StorageException.BackendFailure(key, "cannot delete \"" + key + "\" version " + version + ": " + e, e);
        }
    }

    @Override
    public int retain(String key, int keepNewest) {
        if (keepNewest < 1) throw new IllegalArgumentException("retain(\"" + key + "\", " + keepNewest + "): keepNewest must be >= 1");
        StorageKey k = StorageKey.of(key);
        Path vs = versionsDir(k, false);
        if (!Files.isDirectory(vs)) throw noSuchKey(key);
        int deleted = 0;
        try (KeyLock lock = lockKey(k, vs)) {
            List<Long> complete = versions(key);
            for (int i = 0; i < complete.size() - keepNewest; i++) {
                removeVersionDir(vs, complete.get(i));
                deleted++;
            }
            reclaim(vs);
            fsyncDir(vs);
        } catch (IOException e) {
            throw new StorageException.BackendFailure(key, "cannot apply retention to \"" + key + "\": " + e, e);
        }
        return deleted;
    }

    /**
     * Under the key lock: removes what killed writers left (version directories without a manifest whose
     * writer no longer holds its {@code .writing} lock) and old tombstones. A live writer - in this JVM or
     * another process - still holds its lock, so its files are never touched. Returns how many were removed.
     */
    private int reclaim(Path vs) throws IOException {
        return reclaim(vs, 0, new long[1]);
    }

    /** {@link #reclaim(Path)} of partial versions last modified at least {@code minAgeMillis} ago; adds freed bytes to {@code freed[0]}. */
    private int reclaim(Path vs, long minAgeMillis, long[] freed) throws IOException {
        return reclaim(vs, numbers(vs), minAgeMillis, freed);
    }

    /** As above over {@code all}, the key's version numbers in order (listed under the key lock). */
    private int reclaim(Path vs, List<Long> all, long minAgeMillis, long[] freed) throws IOException {
        int removed = 0;
        long highest = all.isEmpty() ? 0 : all.get(all.size() - 1);
        long cutoff = System.currentTimeMillis() - minAgeMillis;
        for (long n : all) {
            Path d = vs.resolve(name(n));
            if (hasManifest(d) || writerAlive(d)) continue;
            if (n == highest && isEmptyDir(d)) continue;   // the tombstone that keeps its number from being reused
            long[] newest = {0}, bytes = {0};
            try (var files = Files.list(d)) {
                for (Path f : files.toList()) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    newest[0] = Math.max(newest[0], a.lastModifiedTime().toMillis());
                    bytes[0] += a.isRegularFile() ? a.size() : 0;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            if (minAgeMillis > 0 && (newest[0] > cutoff || Files.getLastModifiedTime(d, LinkOption.NOFOLLOW_LINKS).toMillis() > cutoff)) continue;
            removeVersionDir(vs, n);
            freed[0] += bytes[0];
            removed++;
        }
        return removed;
    }

    /** What {@link #gc} found and removed. */
    public record GcReport(int keysScanned, int partialVersionsRemoved, long bytesFreed) {
        public String summary() {
            return String.format("gc: %d keys scanned, %d abandoned partial versions removed, %,d bytes freed",
                    keysScanned, partialVersionsRemoved, bytesFreed);
        }
    }

    /**
     * Store-wide clean-up of what killed writers left: under each key's lock, removes partial versions whose
     * writer no longer holds its {@code .writing} lock and whose files are all older than {@code minAge}
     * (a second guard for file systems whose locks cannot be trusted). A live writer's files are never touched.
     */
    public GcReport gc(java.time.Duration minAge) {
        long minAgeMillis = Math.max(0, minAge.toMillis());
        int keys = 0, removed = 0;
        long[] freed = {0};
        for (String key : allKeyFolders()) {
            StorageKey k = StorageKey.of(key);
            Path vs = versionsDir(k, false);
            keys++;
            try (KeyLock lock = lockKey(k, vs)) {
                removed += reclaim(vs, minAgeMillis, freed);
                fsyncDir(vs);
            } catch (IOException e) {
                throw new StorageException.BackendFailure(key, "cannot clean up \"" + key + "\" in " + root + ": " + e, e);
            }
        }
        return new GcReport(keys, removed, freed[0]);
    }

    /** Every key that has an {@code @versions} folder, complete versions or not (links are not followed). */
    private List<String> allKeyFolders() {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.getFileName().toString().equals(VERSIONS)) return FileVisitResult.CONTINUE;
                    String key = root.relativize(dir.getParent()).toString().replace(File.separatorChar, '/');
                    try {
                        out.add(StorageKey.of(key).value());
                    } catch (StorageException.InvalidKey ignored) {
                        // not written by a store
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StorageException.BackendFailure(root.toString(), "cannot walk " + root + ": " + e, e);
        }
        Collections.sort(out);
        return out;
    }

    private static boolean isEmptyDir(Path d) throws IOException {
        try (var s = Files.newDirectoryStream(d)) {
            return !s.iterator().hasNext();
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Deletes a version directory, manifest first (so it turns invisible at once); keeps the highest-numbered
     *  directory as an empty tombstone so its number is never handed out again. Call under the key lock. */
    private void removeVersionDir(Path vs, long n) throws IOException {
        Path d = vs.resolve(name(n));
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) return;
        removeEntries(d, null);
        if (n < maxNumber(vs)) Files.deleteIfExists(d);
    }

    /**
     * Deletes the files of a version directory (manifest first, so it turns invisible at once), except
     * {@code keep}. The directory is opened without following links and its entries are removed relative
     * to it ({@link SecureDirectoryStream} where the platform has it), so a link planted in place of the
     * directory or of a file inside it is refused, never followed, and nothing outside the root is deleted.
     */
    private void removeEntries(Path d, String keep) throws IOException {
        StorageKey k = keyOf(d.getParent());
        refuseLink(k, d);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d.getParent())) {
            if (ds instanceof SecureDirectoryStream<Path> parent) {
                try (SecureDirectoryStream<Path> dir = parent.newDirectoryStream(d.getFileName(), LinkOption.NOFOLLOW_LINKS)) {
                    List<Path> names = new ArrayList<>();
                    for (Path p : dir) names.add(p.getFileName());
                    names.sort(Comparator.comparing((Path p) -> !p.toString().equals(MANIFEST)));
                    for (Path p : names) refuseLink(k, d.resolve(p));
                    for (Path p : names) {
                        if (p.toString().equals(keep)) continue;
                        try {
                            dir.deleteFile(p);
                        } catch (NoSuchFileException ignored) {
                            // removed concurrently
                        }
                    }
                }
                return;
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (FileSystemException e) {
            refuseLink(k, d);
            throw e;
        }
        // no SecureDirectoryStream (not Linux/macOS): check, then delete each entry (deleting a link never follows it)
        List<Path> entries;
        try (var s = Files.list(d)) {
            entries = new ArrayList<>(s.toList());
        } catch (NoSuchFileException e) {
            return;
        }
        entries.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(MANIFEST)));
        for (Path p : entries) refuseLink(k, p);
        Files.deleteIfExists(d.resolve(MANIFEST));
        for (Path p : entries) if (!p.getFileName().toString().equals(keep)) Files.deleteIfExists(p);
    }

    /** InvalidKey if {@code p} is a symbolic link: inside a key's {@code @versions} folder the store follows none. */
    private void refuseLink(StorageKey k, Path p) {
        if (!Files.isSymbolicLink(p)) return;
        String target;
        try {
            target = Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            target = "?";
        }
        throw new StorageException.InvalidKey(k.value(), "key \"" + k.value() + "\": " + root.relativize(p) + " is a symbolic link (to "
                + target + "); the store never follows links inside a key's " + VERSIONS + " folder; refused");
    }

    /** The key whose {@code @versions} folder is {@code vs}. */
    private StorageKey keyOf(Path vs) {
        return StorageKey.of(root.relativize(vs.getParent()).toString().replace(File.separatorChar, '/'));
    }

    /** A complete version: its manifest exists. A manifest that is a link is refused (InvalidKey) by every verb. */
    private boolean hasManifest(Path vdir) {
        Path m = vdir.resolve(MANIFEST);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(m, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false;
        } catch (IOException e) {
            throw new StorageException.BackendFailure(vdir.toString(), "cannot look at " + m + ": " + e, e);
        }
        if (a.isSymbolicLink()) refuseLink(keyOf(vdir.getParent()), m);
        return true;
    }

    @Override
    public List<String> list(String prefix) {
        StorageKey p = StorageKey.prefix(prefix);
        Path base = p.segments().isEmpty() ? root : keyDir(p, false);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) return List.of();
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.getFileName().toString().equals(VERSIONS)) return FileVisitResult.CONTINUE;
                    String key = root.relativize(dir.getParent()).toString().replace(File.separatorChar, '/');
                    try {
                        StorageKey k = StorageKey.of(key);
                        if (exists(k.value())) out.add(key);
                    } catch (StorageException.InvalidKey ignored) {
                        // not written by a store
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // removed while we walked
                }
            });
        } catch (IOException e) {
            throw new StorageException.BackendFailure(prefix, "cannot list \"" + prefix + "\" in " + root + ": " + e, e);
        }
        Collections.sort(out);
        return out;
    }

    // ------------------------------------------------------------------ paths, locks, helpers

    /** The key's directory; each existing component must resolve (symlinks followed) inside the root. */
    private Path keyDir(StorageKey k, boolean create) {
        Path p = root;
        for (String s : k.segments()) {
            p = p.resolve(s);
            ensureInside(k, p, create);
        }
        return p;
    }

    private Path versionsDir(StorageKey k, boolean create) {
        Path vs = keyDir(k, create).resolve(VERSIONS);
        ensureInside(k, vs, create);
        return vs;
    }

    private void ensureInside(StorageKey k, Path p, boolean create) {
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                Path real;
                try {
                    real = p.toRealPath();
                } catch (NoSuchFileException e) {
                    throw new StorageException.InvalidKey(k.value(), "key \"" + k.value() + "\": " + root.relativize(p)
                            + " is a dangling symbolic link; refused");
                }
                if (!real.startsWith(root))
                    throw new StorageException.InvalidKey(k.value(), "key \"" + k.value() + "\" resolves outside the store root "
                            + root + " (via " + root.relativize(p) + " -> " + real + "); refused");
                if (!Files.isDirectory(real))
                    throw new StorageException.InvalidKey(k.value(), "key \"" + k.value() + "\": " + root.relativize(p)
                            + " is a file, not a directory (a key cannot lie under another store's file)");
            } else if (create) {
                try {
                    Files.createDirectory(p);
                    fsyncDir(p.getParent());
                } catch (FileAlreadyExistsException e) {
                    ensureInside(k, p, false); // created concurrently: check it like any existing one
                }
            }
        } catch (IOException e) {
            throw new StorageException.BackendFailure(k.value(), "cannot access \"" + k.value() + "\" in " + root + ": " + e, e);
        }
    }

    /** Mutual exclusion per key across threads (JVM lock) and processes (OS file lock on @versions/.lock). */
    private final class KeyLock implements AutoCloseable {
        private final ReentrantLock jvm;
        private FileChannel ch;
        private FileLock os;
        private boolean held;

        KeyLock(StorageKey k, Path vs) {
            jvm = JVM_LOCKS.computeIfAbsent(vs, x -> new ReentrantLock());
            jvm.lock();
            held = true;
            try {
                ch = FileChannel.open(vs.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                os = ch.lock();
            } catch (IOException | RuntimeException e) {
                close();
                refuseLink(k, vs.resolve(LOCK));
                throw new StorageException.BackendFailure(k.value(), "cannot lock \"" + k.value() + "\" (" + vs.resolve(LOCK) + "): " + e, e);
            }
        }

        @Override
        public void close() {
            if (!held) return;
            held = false;
            try {
                if (os != null) os.release();
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock in any case
            } finally {
                jvm.unlock();
            }
        }
    }

    private KeyLock lockKey(StorageKey k, Path vs) {
        if (!Files.isDirectory(vs)) versionsDir(k, true);
        return new KeyLock(k, vs);
    }

    /** Under the key lock: a complete version, or one whose writer is still alive, else null. */
    private Long firstCompleteOrLive(Path vs) {
        for (long n : numbers(vs)) {
            Path d = vs.resolve(name(n));
            if (hasManifest(d) || writerAlive(d)) return n;
        }
        return null;
    }

    /** True if a writer (this JVM or another process) still holds the version directory's .writing lock. */
    private boolean writerAlive(Path vdir) {
        if (LIVE_WRITES.contains(vdir)) return true; // never probe our own lock: closing a probe would drop it
        try (FileChannel ch = FileChannel.open(vdir.resolve(WRITING), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return true;
            }
            if (l == null) return true;
            l.release();
            // Free lock: dead - unless the writer published and then let go of its lock since we looked
            return hasManifest(vdir);
        } catch (NoSuchFileException e) {
            return hasManifest(vdir);
        } catch (IOException e) {
            return true; // cannot tell: assume alive (safe for both create-only and cleanup)
        }
    }

    /** Version numbers that have a directory (complete, in progress, or tombstone), ascending. */
    private List<Long> numbers(Path vs) {
        List<Long> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(vs)) {
            // every save lists its key's versions (reclaim, next number): kept cheap per entry, the key is
            // worked out only for the error
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (isVersionName(n)) {
                    if (Files.isSymbolicLink(p)) refuseLink(keyOf(vs), p);
                    out.add(Long.parseLong(n));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return out;
        } catch (IOException e) {
            throw new StorageException.BackendFailure(vs.toString(), "cannot list versions in " + vs + ": " + e, e);
        }
        Collections.sort(out);
        return out;
    }

    private long maxNumber(Path vs) {
        List<Long> all = numbers(vs);
        return all.isEmpty() ? 0 : all.get(all.size() - 1);
    }

    /** A version's folder name: its number, 12 digits with leading zeros. */
    static String name(long n) {
        String d = Long.toString(n);
        return d.length() >= 12 ? d : "000000000000".substring(d.length()) + d;
    }

    private static boolean isVersionName(String n) {
        if (n.length() != 12) return false;
        for (int i = 0; i < 12; i++) if (n.charAt(i) < '0' || n.charAt(i) > '9') return false;
        return true;
    }

    static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for fsync; the rename is still atomic
        }
    }


}
