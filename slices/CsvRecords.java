package slices;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of a comma-separated file (RFC 4180: quoted fields may hold commas, doubled quotes and
 * line breaks; CRLF or LF; a UTF-8 byte-order mark is skipped). Gzip input is recognised by its magic bytes,
 * so {@code .csv.gz} works whatever the name. Fields are returned as written, unquoted and not trimmed;
 * what counts as missing is decided by the caller ({@link Cells}).
 */
public final class CsvRecords implements Closeable {
    private final BufferedReader in;
    private final String name;
    private int line = 0;        // physical line number of the last character read
    private int recordLine = 0;  // line on which the last returned record started

    private CsvRecords(BufferedReader in, String name) {
        this.in = in;
        this.name = name;
    }

    public static CsvRecords open(Path file) {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b1 = raw.read(), b2 = raw.read();
            raw.reset();
            InputStream body = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            r.mark(1);
            if (r.read() != '\uFEFF') r.reset();
            return new CsvRecords(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new UsageError("input file not found: " + file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The line (1-based) on which the record last returned by {@link #next()} started. */
    public int recordLine() {
        return recordLine;
    }

    /** The next record, or null at the end of the file. A blank line is returned as an empty list. */
    public List<String> next() {
        try {
            String first = in.readLine();
            if (first == null) return null;
            line++;
            recordLine = line;
            List<String> fields = new ArrayList<>();
            if (first.indexOf('"') < 0) {  // fast path: no quoting on this line
                if (first.isEmpty()) return fields;
                int start = 0;
                for (int i = first.indexOf(','); i >= 0; i = first.indexOf(',', start)) {
                    fields.add(first.substring(start, i));
                    start = i + 1;
                }
                fields.add(first.substring(start));
                return fields;
            }
            StringBuilder field = new StringBuilder();
            String s = first;
            int i = 0;
            boolean quoted = false;
            while (true) {
                if (i >= s.length()) {
                    if (quoted) {  // a line break inside a quoted field
                        String more = in.readLine();
                        if (more == null)
                            throw new UsageError(name + ": line " + recordLine + ": a quoted field is not closed before the end of the file");
                        line++;
                        field.append('\n');
                        s = more;
                        i = 0;
                        continue;
                    }
                    fields.add(field.toString());
                    return fields;
                }
                char c = s.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else quoted = false;
                    } else field.append(c);
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else field.append(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": line " + line + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do
        }
    }
}
