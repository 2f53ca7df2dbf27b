package storage.jdbc;

import storage.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-key writer locks for a SQLite store, shared by threads and processes: an OS file lock on
 * {@code <database>.locks/<sha256(key) prefix>.lock} (released by the OS when a process dies, so a killed
 * writer never blocks anyone), plus an in-JVM lock per file because Java's file locks are per process.
 *
 * <p>SQLite itself has one writer lock per database; these locks add what it lacks: a create-only save can
 * tell, without waiting, that another save of the same key is in progress.
 */
final class SqliteKeyLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    SqliteKeyLocks(Path databaseFile) {
        this.dir = databaseFile.resolveSibling(databaseFile.getFileName() + ".locks");
    }

    /** A held lock; close releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the key's lock ({@code wait}) or returns null at once when another writer holds it. */
    Held lock(String key, boolean wait) throws IOException {
        Files.createDirectories(dir);
        byte[] h = Hashing.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve(HexFormat.of().formatHex(h, 0, 16) + ".lock").toAbsolutePath().normalize();
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        if (wait) {
            jvm.lock();
        } else if (!jvm.tryLock()) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl;
            try {
                fl = wait ? ch.lock() : ch.tryLock();
            } catch (OverlappingFileLockException e) {
                fl = null;   // cannot happen while the JVM lock is held; treat as busy
            }
            if (fl == null) {
                ch.close();
                jvm.unlock();
                return null;
            }
            FileChannel channel = ch;
            FileLock held = fl;
            return () -> {
                try {
                    held.release();
                    channel.close();
                } catch (IOException ignored) {
                    // closing the channel releases the lock anyway
                } finally {
                    jvm.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) ch.close();
            jvm.unlock();
            throw e;
        }
    }
}
