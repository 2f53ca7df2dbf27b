package ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One input file: existence, gzip detection (by the 1f 8b magic bytes, whatever the name), UTF-8 BOM,
 * and the header line with its column names (trimmed, unquoted). {@link #column} finds a required
 * column or fails with the closest existing name.
 */
final class InputFile {
    final Path path;
    final String name;          // path as given, used in every message
    final long size;
    final boolean gzip;
    final List<String> header;
    /** bytes of the (decompressed) stream before the first data line: BOM + header line + its newline */
    final long dataStart;

    private InputFile(Path path, long size, boolean gzip, List<String> header, long dataStart) {
        this.path = path;
        this.name = path.toString();
        this.size = size;
        this.gzip = gzip;
        this.header = header;
        this.dataStart = dataStart;
    }

    static InputFile open(Path path, List<String> expectedColumns) {
        if (!Files.exists(path)) throw new IngestException("missing file: " + path);
        if (Files.isDirectory(path)) throw new IngestException("not a file but a directory: " + path);
        try {
            long size = Files.size(path);
            boolean gz = false;
            try (InputStream raw = Files.newInputStream(path)) {
                int a = raw.read(), b = raw.read();
                gz = a == 0x1f && b == 0x8b;
            }
            byte[] head = new byte[1 << 20];
            int n = 0;
            try (InputStream in = openStream(path, gz)) {
                while (n < head.length) {
                    int r = in.read(head, n, head.length - n);
                    if (r < 0) break;
                    n += r;
                    if (indexOf(head, 0, n, (byte) '\n') >= 0) break;
                }
            } catch (IOException e) {
                throw new IngestException(path + ": cannot read" + (gz ? " gzip data" : "") + ": " + e.getMessage());
            }
            int bom = n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
            int nl = indexOf(head, bom, n, (byte) '\n');
            if (nl < 0 && n == head.length)
                throw new IngestException(path + ":1: header line longer than " + head.length + " bytes; is this a CSV file?");
            int end = nl < 0 ? n : nl;
            int e = end > bom && head[end - 1] == '\r' ? end - 1 : end;
            String line = new String(head, bom, e - bom, StandardCharsets.UTF_8);
            if (line.isBlank())
                throw new IngestException(path + ": empty file: expected a header line with columns "
                        + String.join(",", expectedColumns));
            int bad = TextCheck.firstBad(head, bom, e);
            if (bad >= 0)
                throw new IngestException(path + ":1:" + ChunkLog.column(head, bom, bad) + ": invalid text in the header: expected UTF-8 column"
                        + " names without control characters, found " + TextCheck.describe(head, bad) + " in " + TextCheck.show(head, bom, e));
            Fields f = new Fields(4096);
            if (!f.split(head, bom, e)) throw new IngestException(path + ":1: malformed quoted field in the header");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.min(f.count, f.capacity); i++) names.add(f.string(i).trim());
            for (int i = 0; i < names.size(); i++)
                for (int j = 0; j < i; j++)
                    if (names.get(i).equals(names.get(j)))
                        throw new IngestException(path + ":1: duplicate column '" + names.get(i) + "' in the header (fields "
                                + (j + 1) + " and " + (i + 1) + ")");
            return new InputFile(path, size, gz, List.copyOf(names), nl < 0 ? n : nl + 1);
        } catch (IOException e) {
            throw new IngestException(path + ": cannot read: " + e.getMessage());
        }
    }

    static InputStream openStream(Path path, boolean gz) throws IOException {
        InputStream raw = Files.newInputStream(path);
        return gz ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
    }

    /** Index of a required column, or an IngestException naming the closest header name. */
    int column(String required) {
        int i = header.indexOf(required);
        if (i >= 0) return i;
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String h : header) {
            int d = distance(required.toLowerCase(), h.toLowerCase());
            if (d < bestD) { bestD = d; best = h; }
        }
        String hint = best != null && bestD <= Math.max(2, required.length() / 3) ? ": did you mean '" + best + "'?" : "";
        throw new IngestException(name + ":1: missing column '" + required + "'" + hint + " (header: "
                + String.join(", ", header) + ")");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    static int indexOf(byte[] b, int from, int to, byte v) {
        for (int i = from; i < to; i++) if (b[i] == v) return i;
        return -1;
    }
}
