package ingest;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level CSV field splitter for one line (no line terminator). Comma-separated; a field may be quoted
 * with {@code "} and contain commas and doubled quotes {@code ""}. Quoted fields cannot span lines (the
 * files are split at newlines for parallel reading), so a quote left open at the end of a line is a
 * {@link Problem#BAD_QUOTE}. Unquoted fields are trimmed of spaces and tabs. Not thread-safe: one per worker.
 */
final class Fields {
    final int capacity;
    final int[] start, end;
    /** where each field begins in the line buffer (its first byte, or its opening quote): for column numbers */
    final int[] pos;
    final byte[][] src;          // the array a field's bytes live in: the line buffer, or scratch when unescaped
    private byte[] scratch = new byte[256];
    private int scratchPos;
    /** number of fields found on the last split (may exceed capacity; only the first capacity are stored) */
    int count;
    /** on BAD_QUOTE or extra fields: byte offset in the line buffer of the offending place */
    int errorPos;

    Fields(int capacity) {
        this.capacity = capacity;
        start = new int[capacity];
        end = new int[capacity];
        pos = new int[capacity];
        src = new byte[capacity][];
    }

    /** Splits b[from, to). Returns false on a malformed quote (errorPos set). */
    boolean split(byte[] b, int from, int to) {
        int n = 0;
        int p = from;
        scratchPos = 0;
        errorPos = -1;
        while (true) {
            // skip leading blanks
            int fs = p;
            while (p < to && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p < to && b[p] == '"') {
                int q = p + 1;
                int s = q;
                boolean escaped = false;
                while (true) {
                    if (q >= to) { errorPos = p; count = n + 1; return false; }
                    if (b[q] == '"') {
                        if (q + 1 < to && b[q + 1] == '"') { escaped = true; q += 2; continue; }
                        break;
                    }
                    q++;
                }
                int e = q; // closing quote
                q++;
                while (q < to && (b[q] == ' ' || b[q] == '\t')) q++;
                if (q < to && b[q] != ',') { errorPos = q; count = n + 1; return false; }
                if (n < capacity) {
                    pos[n] = fs;
                    if (escaped) unescape(b, s, e, n);
                    else { src[n] = b; start[n] = s; end[n] = e; }
                } else if (n == capacity) errorPos = fs;
                n++;
                if (q >= to) break;
                p = q + 1;
            } else {
                int s = p;
                while (p < to && b[p] != ',') p++;
                int e = p;
                while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
                if (n < capacity) { src[n] = b; start[n] = s; end[n] = e; pos[n] = fs; }
                else if (n == capacity) errorPos = fs;
                n++;
                if (p >= to) break;
                p++;
            }
        }
        count = n;
        return true;
    }

    private void unescape(byte[] b, int s, int e, int n) {
        int need = scratchPos + (e - s);
        if (need > scratch.length) {
            // earlier fields may point into scratch: copy, then re-point them
            byte[] bigger = new byte[Math.max(need, scratch.length * 2)];
            System.arraycopy(scratch, 0, bigger, 0, scratchPos);
            for (int i = 0; i < n; i++) if (src[i] == scratch) src[i] = bigger;
            scratch = bigger;
        }
        int o = scratchPos;
        for (int i = s; i < e; i++) {
            scratch[o++] = b[i];
            if (b[i] == '"') i++; // skip the second quote of a pair
        }
        src[n] = scratch; start[n] = scratchPos; end[n] = o;
        scratchPos = o;
    }

    boolean isEmpty(int i) { return start[i] == end[i]; }

    String string(int i) { return new String(src[i], start[i], end[i] - start[i], StandardCharsets.UTF_8); }
}
