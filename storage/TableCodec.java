package storage;

import tech.tablesaw.api.*;
import tech.tablesaw.columns.Column;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.time.*;
import java.util.ArrayList;
import java.util.List;

/**
 * The table payload format shared by the file-like backends: UTF-8 CSV (RFC 4180 quoting, {@code \n}
 * line ends, one header row) plus a {@link TableSchema} kept in the manifest, so types never depend on
 * inference.
 *
 * <p>Escaping rule, the same as PostgreSQL's CSV COPY: a <b>missing value is an empty unquoted field</b>;
 * an empty string is written quoted ({@code ""}). A field is quoted when it is empty or contains
 * {@code , " \r \n} or begins/ends with a space or tab; a quote inside is doubled. Strings like
 * {@code NA}, {@code null}, {@code NaN} are plain text, never missing.
 *
 * <p>Values: booleans {@code true/false}; integers in decimal; floats and doubles by {@code Float/Double.toString}
 * (exact round-trip, including {@code Infinity}, {@code -Infinity}, {@code -0.0}); dates, date-times,
 * instants and times in ISO-8601 ({@code toString}). Tablesaw itself represents a missing double/float as
 * NaN and a missing string as "", so NaN and "" are stored (and come back) as missing.
 *
 * <p>Writing goes row by row into the stream; reading parses straight into column builders (no
 * intermediate copy of the text or of the rows).
 */
public final class TableCodec {
    private TableCodec() {}

    /** The type names tables can hold (see {@link StoredType}). */
    public static final List<String> TYPES = StoredType.NAMES;

    /** The schema of {@code t}; IllegalArgumentException for a column type this codec does not know. */
    public static TableSchema schemaOf(Table t) {
        List<TableSchema.Column> cols = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            String type = c.type().name();
            if (!TYPES.contains(type))
                throw new IllegalArgumentException("column '" + c.name() + "' has type " + type + ", which tables cannot store (supported: " + TYPES + ")");
            cols.add(new TableSchema.Column(c.name(), type));
        }
        return new TableSchema(t.name(), t.rowCount(), cols);
    }

    /** Writes {@code t} as CSV to {@code out} (buffered here; {@code out} is flushed, not closed). */
    public static void write(Table t, OutputStream out) throws IOException {
        schemaOf(t);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<Column<?>> cols = t.columns();
        int nc = cols.size();
        for (int j = 0; j < nc; j++) {
            if (j > 0) w.write(',');
            writeString(w, cols.get(j).name());
        }
        w.write('\n');
        StoredType[] code = new StoredType[nc];
        for (int j = 0; j < nc; j++) {
            code[j] = StoredType.named(cols.get(j).type().name());
            if (code[j] == null) throw new IllegalArgumentException("column '" + cols.get(j).name() + "' has type "
                    + cols.get(j).type().name() + ", which tables cannot store (supported: " + TYPES + ")");
        }
        int rows = t.rowCount();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < nc; j++) {
                if (j > 0) w.write(',');
                Column<?> c = cols.get(j);
                if (c.isMissing(i)) continue;
                switch (code[j]) {
                    case STRING -> writeString(w, ((StringColumn) c).get(i));
                    case BOOLEAN -> w.write(((BooleanColumn) c).get(i) ? "true" : "false");
                    case SHORT -> w.write(Short.toString(((ShortColumn) c).getShort(i)));
                    case INTEGER -> w.write(Integer.toString(((IntColumn) c).getInt(i)));
                    case LONG -> w.write(Long.toString(((LongColumn) c).getLong(i)));
                    case FLOAT -> w.write(Float.toString(((FloatColumn) c).getFloat(i)));
                    case DOUBLE -> w.write(Double.toString(((DoubleColumn) c).getDouble(i)));
                    case LOCAL_DATE -> w.write(((DateColumn) c).get(i).toString());
                    case LOCAL_DATE_TIME -> w.write(((DateTimeColumn) c).get(i).toString());
                    case INSTANT -> w.write(((InstantColumn) c).get(i).toString());
                    case LOCAL_TIME -> w.write(((TimeColumn) c).get(i).toString());
                    default -> throw new IllegalStateException();
                }
            }
            w.write('\n');
        }
        w.flush();
    }

    static void writeString(Writer w, String s) throws IOException {
        boolean quote = s.isEmpty();
        if (!quote) {
            char first = s.charAt(0), last = s.charAt(s.length() - 1);
            quote = first == ' ' || first == '\t' || last == ' ' || last == '\t';
            for (int k = 0; k < s.length() && !quote; k++) {
                char ch = s.charAt(k);
                quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
            }
        }
        if (!quote) {
            w.write(s);
            return;
        }
        w.write('"');
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == '"') w.write('"');
            w.write(ch);
        }
        w.write('"');
    }

    /**
     * Reads a table written by {@link #write} whose schema is {@code schema}. Throws {@link IOException}
     * with a line number when the text does not match the schema (the caller reports it as corrupt).
     */
    public static Table read(InputStream in, TableSchema schema) throws IOException {
        List<TableSchema.Column> spec = schema.columns();
        int nc = spec.size();
        Column<?>[] cols = new Column<?>[nc];
        StoredType[] code = new StoredType[nc];
        for (int j = 0; j < nc; j++) {
            TableSchema.Column s = spec.get(j);
            code[j] = StoredType.named(s.type());
            if (code[j] == null) throw new IOException("unknown column type " + s.type() + " for column '" + s.name() + "'");
            cols[j] = switch (code[j]) {
                case STRING -> StringColumn.create(s.name());
                case BOOLEAN -> BooleanColumn.create(s.name());
                case SHORT -> ShortColumn.create(s.name());
                case INTEGER -> IntColumn.create(s.name());
                case LONG -> LongColumn.create(s.name());
                case FLOAT -> FloatColumn.create(s.name());
                case DOUBLE -> DoubleColumn.create(s.name());
                case LOCAL_DATE -> DateColumn.create(s.name());
                case LOCAL_DATE_TIME -> DateTimeColumn.create(s.name());
                case INSTANT -> InstantColumn.create(s.name());
                case LOCAL_TIME -> TimeColumn.create(s.name());
            };
        }
        Csv csv = new Csv(new InputStreamReader(in, StandardCharsets.UTF_8));
        if (nc == 0) {
            while (csv.field() != Csv.EOF) { /* a table without columns is one empty header line */ }
            return Table.create(schema.name());
        }
        // header: must repeat the schema's names in order
        for (int j = 0; j < nc; j++) {
            int end = csv.field();
            if (!csv.text().equals(spec.get(j).name()))
                throw new IOException("line 1: header column " + (j + 1) + " is '" + csv.text() + "', schema says '" + spec.get(j).name() + "'");
            expectEnd(csv, end, j, nc, 1);
        }
        long line = 1;
        while (true) {
            line++;
            int end = csv.field();
            if (end == Csv.EOF) break;
            for (int j = 0; j < nc; j++) {
                if (j > 0) end = csv.field();
                expectEnd(csv, end, j, nc, line);
                StringBuilder v = csv.sb;
                if (v.length() == 0 && !csv.quoted) {
                    cols[j].appendMissing();
                    continue;
                }
                try {
                    switch (code[j]) {
                        case STRING -> ((StringColumn) cols[j]).append(v.toString());
                        case BOOLEAN -> ((BooleanColumn) cols[j]).append(parseBoolean(v));
                        case SHORT -> ((ShortColumn) cols[j]).append((short) Integer.parseInt(v, 0, v.length(), 10));
                        case INTEGER -> ((IntColumn) cols[j]).append(Integer.parseInt(v, 0, v.length(), 10));
                        case LONG -> ((LongColumn) cols[j]).append(Long.parseLong(v, 0, v.length(), 10));
                        case FLOAT -> ((FloatColumn) cols[j]).append(Float.parseFloat(v.toString()));
                        case DOUBLE -> ((DoubleColumn) cols[j]).append(Double.parseDouble(v.toString()));
                        case LOCAL_DATE -> ((DateColumn) cols[j]).append(parseDate(v));
                        case LOCAL_DATE_TIME -> ((DateTimeColumn) cols[j]).append(LocalDateTime.parse(v));
                        case INSTANT -> ((InstantColumn) cols[j]).append(Instant.parse(v));
                        case LOCAL_TIME -> ((TimeColumn) cols[j]).append(LocalTime.parse(v));
                        default -> throw new IllegalStateException();
                    }
                } catch (RuntimeException e) {
                    throw new IOException("line " + line + ", column '" + spec.get(j).name() + "' (" + spec.get(j).type()
                            + "): cannot read '" + StorageKey.escape(v.toString()) + "': " + e.getMessage());
                }
            }
        }
        Table t = Table.create(schema.name(), cols);
        if (t.rowCount() != schema.rowCount())
            throw new IOException("has " + t.rowCount() + " rows, the manifest says " + schema.rowCount());
        return t;
    }

    private static void expectEnd(Csv csv, int end, int j, int nc, long line) throws IOException {
        boolean last = j == nc - 1;
        if (last && end == Csv.COMMA) throw new IOException("line " + line + ": more than " + nc + " fields");
        if (!last && end != Csv.COMMA) throw new IOException("line " + line + ": " + (j + 1) + " fields, expected " + nc);
    }

    private static boolean parseBoolean(CharSequence v) {
        if ("true".contentEquals(v)) return true;
        if ("false".contentEquals(v)) return false;
        throw new IllegalArgumentException("not true/false");
    }

    /** Fast path for yyyy-MM-dd; other forms (e.g. +10000-01-01) through LocalDate.parse. */
    private static LocalDate parseDate(CharSequence v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-')
            return LocalDate.of(Integer.parseInt(v, 0, 4, 10), Integer.parseInt(v, 5, 7, 10), Integer.parseInt(v, 8, 10, 10));
        return LocalDate.parse(v);
    }

    /** A minimal streaming RFC 4180 field reader that tells quoted from unquoted fields. */
    static final class Csv {
        static final int COMMA = 0, EOL = 1, EOF = 2;
        private final Reader r;
        private final char[] buf = new char[1 << 16];
        private int pos, len;
        final StringBuilder sb = new StringBuilder();
        boolean quoted;

        Csv(Reader r) { this.r = r; }

        String text() { return sb.toString(); }

        private int read() throws IOException {
            if (pos == len) {
                len = r.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) { len = 0; return -1; }
            }
            return buf[pos++];
        }

        /** Reads one field into {@link #sb}; returns what ended it. EOF only when no field started. */
        int field() throws IOException {
            sb.setLength(0);
            quoted = false;
            int c = read();
            if (c == -1) return EOF;
            if (c == '"') {
                quoted = true;
                while (true) {
                    c = read();
                    if (c == -1) throw new IOException("unterminated quoted field");
                    if (c == '"') {
                        c = read();
                        if (c != '"') break;
                    }
                    sb.append((char) c);
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') throw new IOException("quote inside an unquoted field");
                    sb.append((char) c);
                    c = read();
                }
            }
            if (c == ',') return COMMA;
            if (c == '\n' || c == -1) return EOL;
            if (c == '\r') {
                if (read() != '\n') throw new IOException("carriage return not followed by newline");
                return EOL;
            }
            throw new IOException("unexpected character after a closing quote");
        }
    }
}
