package ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a per-row function over the data lines of one file on several threads.
 * <ul>
 * <li>Plain file: the bytes after the header are cut into chunks (1-8 MiB) that end just after a newline;
 *     each worker thread reads whole chunks with positional reads and parses them.</li>
 * <li>gzip: the calling thread decompresses (inflate is sequential) into 4 MiB blocks cut after the last
 *     newline and hands them to the workers through a bounded queue, so parsing overlaps decompression
 *     and memory stays at (threads + 3) blocks.</li>
 * </ul>
 * Each chunk gets its own {@link ChunkLog}; logs are returned in file order. In strict mode a worker stops
 * a chunk at its first problem and no chunk after the earliest failing one is started, while every chunk
 * before it is still read, so the problem reported is the first in the file.
 */
final class ChunkedReader {
    private ChunkedReader() {}

    /** What a worker does with one data line b[s, e) (terminator and CR removed). */
    interface RowWorker {
        void row(byte[] b, int s, int e, long line, ChunkLog log);

        /** Called after the last row of each chunk (a worker that batches work flushes here). */
        default void endChunk() {}
    }

    record Result<W extends RowWorker>(List<ChunkLog> logs, List<W> workers) {}

    static final int GZIP_BLOCK = 4 << 20;

    static <W extends RowWorker> Result<W> run(InputFile f, int threads, int maxExamples, boolean strict,
                                               IntFunction<W> workerFactory) {
        List<W> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) workers.add(workerFactory.apply(t));
        List<ChunkLog> logs = f.gzip ? runGzip(f, workers, maxExamples, strict) : runPlain(f, workers, maxExamples, strict);
        return new Result<>(logs, workers);
    }

    static void processChunk(byte[] buf, int off, int end, RowWorker w, ChunkLog log) {
        long line = 0;
        int p = off;
        while (p < end) {
            int nl = newline(buf, p, end);
            int e = nl;
            if (e > p && buf[e - 1] == '\r') e--;
            line++;
            log.rowsRead++;
            if (e == p) {
                log.add(Problem.BLANK_LINE, line, 1, "a data row", "an empty line");
            } else {
                w.row(buf, p, e, line, log);
            }
            if (log.first != null) break;
            p = nl + 1;
        }
        w.endChunk();
        log.lines = line;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, NL = ONES * '\n';

    /** Index of the first '\n' in b[from, to), or to; eight bytes at a time (SWAR zero-byte test). */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NL;
            long m = (x - ONES) & ~x & HIGHS;
            if (m != 0) return i + (Long.numberOfTrailingZeros(m) >>> 3);
        }
        while (i < to && b[i] != '\n') i++;
        return i;
    }

    private static <W extends RowWorker> List<ChunkLog> runPlain(InputFile f, List<W> workers, int maxExamples, boolean strict) {
        long len = f.size - f.dataStart;
        if (len <= 0) return List.of();
        int threads = workers.size();
        long target = Math.max(1 << 20, Math.min(8 << 20, (len + threads * 4L - 1) / (threads * 4L)));
        List<Long> starts = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
            starts.add(f.dataStart);
            ByteBuffer probe = ByteBuffer.allocate(1 << 16);
            long pos = f.dataStart + target;
            while (pos < f.size) {
                long nl = -1;
                long q = pos;
                while (nl < 0 && q < f.size) {
                    probe.clear();
                    int r = ch.read(probe, q);
                    if (r <= 0) break;
                    byte[] a = probe.array();
                    for (int i = 0; i < r; i++) if (a[i] == '\n') { nl = q + i; break; }
                    q += r;
                }
                if (nl < 0 || nl + 1 >= f.size) break;
                starts.add(nl + 1);
                pos = Math.max(nl + 1 + target, pos + target);
            }
        } catch (IOException e) {
            throw new IngestException(f.name + ": cannot read: " + e.getMessage());
        }
        starts.add(f.size);
        int n = starts.size() - 1;
        long maxLen = 0;
        for (int i = 0; i < n; i++) maxLen = Math.max(maxLen, starts.get(i + 1) - starts.get(i));
        if (maxLen > Integer.MAX_VALUE - 16) throw new IngestException(f.name + ": a line longer than 2 GB");
        final int bufLen = (int) maxLen;
        ChunkLog[] logs = new ChunkLog[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failAt = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (W w : workers) {
            Thread t = new Thread(() -> {
                try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
                    byte[] buf = new byte[bufLen];
                    int i;
                    while ((i = next.getAndIncrement()) < n && error.get() == null) {
                        ChunkLog log = new ChunkLog(i, maxExamples, strict);
                        logs[i] = log;
                        if (i > failAt.get()) continue;
                        long s = starts.get(i);
                        int l = (int) (starts.get(i + 1) - s);
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, l);
                        while (bb.hasRemaining()) {
                            int r = ch.read(bb, s + bb.position());
                            if (r < 0) throw new IOException("file shrank while reading");
                        }
                        processChunk(buf, 0, l, w, log);
                        if (log.first != null) failAt.accumulateAndGet(i, Math::min);
                    }
                } catch (Throwable e) {
                    error.compareAndSet(null, e);
                }
            }, "ingest-" + f.path.getFileName());
            ts.add(t);
            t.start();
        }
        join(ts, error, f);
        return Arrays.asList(logs);
    }

    private record Block(int index, byte[] buf, int len) {}

    private static <W extends RowWorker> List<ChunkLog> runGzip(InputFile f, List<W> workers, int maxExamples, boolean strict) {
        int threads = workers.size();
        BlockingQueue<Block> work = new ArrayBlockingQueue<>(threads + 1);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(threads + 3);
        List<ChunkLog> logs = new ArrayList<>();
        AtomicInteger failAt = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (W w : workers) {
            Thread t = new Thread(() -> {
                // keeps draining the queue after an error so the producer never blocks
                while (true) {
                    Block b;
                    try { b = work.take(); } catch (InterruptedException e) { error.compareAndSet(null, e); break; }
                    if (b.index < 0) break;
                    try {
                        ChunkLog log;
                        synchronized (logs) { log = logs.get(b.index); }
                        if (b.index <= failAt.get() && error.get() == null) {
                            processChunk(b.buf, 0, b.len, w, log);
                            if (log.first != null) failAt.accumulateAndGet(b.index, Math::min);
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                    free.offer(b.buf);
                }
            }, "ingest-" + f.path.getFileName());
            ts.add(t);
            t.start();
        }
        try (InputStream in = InputFile.openStream(f.path, true)) {
            in.skipNBytes(f.dataStart);
            byte[] buf = new byte[GZIP_BLOCK];
            int have = 0;
            int index = 0;
            boolean eof = false;
            while (!eof && failAt.get() == Integer.MAX_VALUE && error.get() == null) {
                while (have < buf.length) {
                    int r = in.read(buf, have, buf.length - have);
                    if (r < 0) { eof = true; break; }
                    have += r;
                }
                int cut;
                if (eof) cut = have;
                else {
                    cut = -1;
                    for (int i = have - 1; i >= 0; i--) if (buf[i] == '\n') { cut = i + 1; break; }
                    if (cut < 0) { buf = Arrays.copyOf(buf, buf.length * 2); continue; } // a line longer than the block
                }
                if (cut == 0) break;
                byte[] nextBuf = free.poll();
                if (nextBuf == null || nextBuf.length < Math.max(GZIP_BLOCK, have - cut)) nextBuf = new byte[Math.max(GZIP_BLOCK, buf.length)];
                System.arraycopy(buf, cut, nextBuf, 0, have - cut);
                synchronized (logs) { logs.add(new ChunkLog(index, maxExamples, strict)); }
                put(work, new Block(index++, buf, cut), error);
                have -= cut;
                buf = nextBuf;
            }
        } catch (IOException e) {
            error.compareAndSet(null, new IngestException(f.name + ": cannot read gzip data: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error.compareAndSet(null, e);
        } finally {
            for (int i = 0; i < threads; i++) {
                try { put(work, new Block(-1, null, 0), null); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
        }
        join(ts, error, f);
        return logs;
    }

    private static void put(BlockingQueue<Block> q, Block b, AtomicReference<Throwable> error) throws InterruptedException {
        while (!q.offer(b, 100, TimeUnit.MILLISECONDS)) {
            if (error != null && error.get() != null) return;
        }
    }

    private static void join(List<Thread> ts, AtomicReference<Throwable> error, InputFile f) {
        for (Thread t : ts) {
            try { t.join(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new IngestException(f.name + ": interrupted"); }
        }
        Throwable e = error.get();
        if (e instanceof IngestException ie) throw ie;
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error er) throw er;
        if (e != null) throw new IngestException(f.name + ": cannot read: " + e.getMessage());
    }
}
