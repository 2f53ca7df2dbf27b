package ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * The accepted range of event times; rows outside it are {@link Problem#TIME_OUT_OF_RANGE} (typos such as
 * 1970-01-01 or 2099). Unless both ends are given in {@link IngestOptions}, it is derived before the
 * passes from a deterministic sample of both event files: plain files, 32 blocks of 64 KiB at evenly
 * spaced offsets; gzip files, their first 4 MiB. Sampled timestamps more than 10 years from the sample's
 * median are ignored (so a few 1970s cannot widen the window); window = [1st percentile - 365 days, 99th
 * percentile + 365 days] of the rest. With no parseable sample the window is everything
 * representable (1932-2067).
 *
 * @param from earliest accepted epoch second (inclusive)
 * @param to   latest accepted epoch second (inclusive)
 * @param how  how it was obtained, for the report
 */
public record TimeWindow(long from, long to, String how) {
    static final long SLACK = 365L * 86400;
    static final long FAR = 10 * 365L * 86400;
    static final long MIN = PersonStats.BASE + Integer.MIN_VALUE + 1L + 86400L * 366;
    static final long MAX = PersonStats.BASE + Integer.MAX_VALUE - 1L - 86400L * 366;

    public Instant fromInstant() { return Instant.ofEpochSecond(from); }
    public Instant toInstant() { return Instant.ofEpochSecond(to); }

    /** "FROM and TO (how)", as used in messages. */
    public String text() { return fromInstant() + " and " + toInstant() + " (" + how + ")"; }

    static TimeWindow of(IngestOptions o, InputFile[] files, int[] timeCols) {
        if (o.windowFrom() != null && o.windowTo() != null)
            return clamp(o.windowFrom().getEpochSecond(), o.windowTo().getEpochSecond(), "given");
        long[] sample = new long[4096];
        int n = 0;
        for (int k = 0; k < files.length; k++) {
            long[][] holder = {sample};
            n = sample(files[k], timeCols[k], o.zone().getTotalSeconds(), holder, n);
            sample = holder[0];
        }
        long lo, hi;
        String how;
        if (n == 0) { lo = MIN; hi = MAX; how = "no timestamps in the sample: everything representable"; }
        else {
            Arrays.sort(sample, 0, n);
            long median = sample[(n - 1) / 2];
            int a = 0, b = n;
            while (sample[a] < median - FAR) a++;
            while (sample[b - 1] > median + FAR) b--;
            int m = b - a;
            lo = sample[a + (int) Math.floor(0.01 * (m - 1))] - SLACK;
            hi = sample[a + (int) Math.ceil(0.99 * (m - 1))] + SLACK;
            how = "1st-99th percentile of " + m + " sampled timestamps +- 365 days"
                    + (m < n ? ", " + (n - m) + " sampled more than 10 years from the median ignored" : "");
        }
        if (o.windowFrom() != null) { lo = o.windowFrom().getEpochSecond(); how += "; start given"; }
        if (o.windowTo() != null) { hi = o.windowTo().getEpochSecond(); how += "; end given"; }
        return clamp(lo, hi, how);
    }

    private static TimeWindow clamp(long lo, long hi, String how) {
        return new TimeWindow(Math.max(lo, MIN), Math.min(hi, MAX), how);
    }

    private static int sample(InputFile f, int col, int offset, long[][] holder, int n) {
        Fields fields = new Fields(f.header.size());
        try {
            if (f.gzip) {
                byte[] buf = new byte[4 << 20];
                int len = 0;
                try (InputStream in = InputFile.openStream(f.path, true)) {
                    in.skipNBytes(f.dataStart);
                    int r;
                    while (len < buf.length && (r = in.read(buf, len, buf.length - len)) > 0) len += r;
                } catch (IOException e) {
                    return n; // reported by the pass itself
                }
                return scan(buf, 0, len, true, fields, col, offset, holder, n);
            }
            long data = f.size - f.dataStart;
            if (data <= 0) return n;
            try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
                int blocks = data <= 32L * 65536 ? 1 : 32;
                byte[] buf = new byte[(int) Math.min(data, blocks == 1 ? data : 65536)];
                for (int k = 0; k < blocks; k++) {
                    long pos = f.dataStart + (blocks == 1 ? 0 : (data - buf.length) * k / (blocks - 1));
                    ByteBuffer bb = ByteBuffer.wrap(buf);
                    while (bb.hasRemaining()) if (ch.read(bb, pos + bb.position()) < 0) break;
                    n = scan(buf, 0, bb.position(), pos == f.dataStart, fields, col, offset, holder, n);
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    /** Parses the time field of the complete lines in b[s, e); a partial first line is skipped unless atLineStart. */
    private static int scan(byte[] b, int s, int e, boolean atLineStart, Fields f, int col, int offset, long[][] holder, int n) {
        int p = s;
        if (!atLineStart) {
            while (p < e && b[p] != '\n') p++;
            p++;
        }
        while (p < e) {
            int nl = p;
            while (nl < e && b[nl] != '\n') nl++;
            if (nl == e && e - s == b.length) break; // last line may be cut
            int le = nl > p && b[nl - 1] == '\r' ? nl - 1 : nl;
            if (f.split(b, p, le) && f.count == f.capacity) {
                long t = Timestamps.parse(f.src[col], f.start[col], f.end[col], offset);
                if (t != Timestamps.INVALID) {
                    if (n == holder[0].length) holder[0] = Arrays.copyOf(holder[0], n * 2);
                    holder[0][n++] = t;
                }
            }
            p = nl + 1;
        }
        return n;
    }
}
