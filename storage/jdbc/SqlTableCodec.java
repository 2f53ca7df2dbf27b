package storage.jdbc;

import storage.*;

import tech.tablesaw.api.*;
import tech.tablesaw.columns.Column;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.*;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between Tablesaw columns and typed SQL columns, exactly, for {@link JdbcStore}.
 *
 * <p>Three encodings of a row live here:
 * <ul>
 *   <li><b>Canonical text</b>: PostgreSQL's COPY text format ({@code \t} between fields, {@code \n} after
 *       each row, {@code \N} for missing, backslash escapes), with the row number first. It is what COPY
 *       sends to PostgreSQL, and for both databases the SHA-256 and size in the catalog are computed over
 *       it; a load re-encodes what it read and compares, so a table changed behind the store's back is
 *       reported as corrupt instead of being returned.</li>
 *   <li><b>JDBC parameters</b> for SQLite's batched inserts (temporal values as ISO-8601 text).</li>
 *   <li><b>Result-set reads</b> back into Tablesaw columns.</li>
 * </ul>
 * Tablesaw's own missing values (NaN for float/double, "" for strings, MIN_VALUE for integers) are SQL NULL.
 * SQLite's REAL storage turns -0.0 into 0.0: {@link #bind} reports such rows so the catalog can keep them
 * and {@link #restoreNegativeZeros} puts the sign back.
 */
final class SqlTableCodec {
    private SqlTableCodec() {}

    static final List<String> TYPES = TableCodec.TYPES;

    private static final DateTimeFormatter SQL_DATE_TIME = new java.time.format.DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    /** The stored type of each column; IllegalArgumentException for unsupported ones. */
    static StoredType[] codes(Table t) {
        List<Column<?>> cols = t.columns();
        StoredType[] code = new StoredType[cols.size()];
        for (int j = 0; j < code.length; j++) {
            code[j] = StoredType.named(cols.get(j).type().name());
            if (code[j] == null)
                throw new IllegalArgumentException("column '" + cols.get(j).name() + "' has type " + cols.get(j).type().name()
                        + ", which tables cannot store (supported: " + TYPES + ")");
        }
        return code;
    }

    static StoredType[] codes(List<TableSchema.Column> spec) {
        StoredType[] code = new StoredType[spec.size()];
        for (int j = 0; j < code.length; j++) {
            code[j] = StoredType.named(spec.get(j).type());
            if (code[j] == null) throw new IllegalArgumentException("unknown column type " + spec.get(j).type());
        }
        return code;
    }

    // ------------------------------------------------------------------ canonical text (COPY format)

    /** Appends row {@code i} in canonical text (row number first, then every column, then {@code \n}). */
    static void appendCanonical(StringBuilder sb, long rowNumber, List<Column<?>> cols, StoredType[] code, int i) {
        sb.append(rowNumber);
        for (int j = 0; j < code.length; j++) {
            sb.append('\t');
            Column<?> c = cols.get(j);
            if (c.isMissing(i)) {
                sb.append("\\N");
                continue;
            }
            switch (code[j]) {
                case STRING -> escape(sb, ((StringColumn) c).get(i), c.name(), i);
                case BOOLEAN -> sb.append(((BooleanColumn) c).get(i) ? 't' : 'f');
                case SHORT -> sb.append(((ShortColumn) c).getShort(i));
                case INTEGER -> sb.append(((IntColumn) c).getInt(i));
                case LONG -> sb.append(((LongColumn) c).getLong(i));
                case FLOAT -> sb.append(Float.toString(((FloatColumn) c).getFloat(i)));
                case DOUBLE -> sb.append(Double.toString(((DoubleColumn) c).getDouble(i)));
                case LOCAL_DATE -> sb.append(((DateColumn) c).get(i).toString());
                case LOCAL_DATE_TIME -> sb.append(((DateTimeColumn) c).get(i).toString());
                case INSTANT -> sb.append(((InstantColumn) c).get(i).toString());
                case LOCAL_TIME -> sb.append(((TimeColumn) c).get(i).toString());
                default -> throw new IllegalStateException();
            }
        }
        sb.append('\n');
    }

    private static void escape(StringBuilder sb, String s, String column, int row) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> throw new IllegalArgumentException("column '" + column + "' row " + row
                        + " contains a NUL character, which SQL text columns cannot store");
                default -> sb.append(ch);
            }
        }
    }

    /** Streams a table's canonical text in chunks, keeping its SHA-256 and byte count. */
    static final class CanonicalWriter {
        interface Sink { void write(byte[] b, int len) throws Exception; }

        private final MessageDigest sha = Hashing.sha256();
        private long size;

        /** Encodes every row of {@code t}, passing each chunk to {@code sink} (which may be null: hash only). */
        void write(Table t, Sink sink) throws Exception {
            List<Column<?>> cols = t.columns();
            StoredType[] code = codes(t);
            StringBuilder sb = new StringBuilder(1 << 17);
            int rows = t.rowCount();
            for (int i = 0; i < rows; i++) {
                appendCanonical(sb, i, cols, code, i);
                if (sb.length() >= 1 << 16) flush(sb, sink);
            }
            flush(sb, sink);
        }

        private void flush(StringBuilder sb, Sink sink) throws Exception {
            if (sb.length() == 0) return;
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            sha.update(b);
            size += b.length;
            if (sink != null) sink.write(b, b.length);
            sb.setLength(0);
        }

        long size() { return size; }

        String sha256Hex() { return java.util.HexFormat.of().formatHex(sha.digest()); }
    }


    // ------------------------------------------------------------------ SQLite parameters

    /**
     * Binds row {@code i} to parameters {@code 2..n+1} ({@code 1} is the row number, bound by the caller).
     * A float/double cell that is -0.0 (SQLite keeps it as 0.0) adds its row to {@code negZero.get(j)}.
     */
    static void bind(PreparedStatement ps, List<Column<?>> cols, StoredType[] code, int i, List<List<Integer>> negZero) throws SQLException {
        for (int j = 0; j < code.length; j++) {
            int p = j + 2;
            Column<?> c = cols.get(j);
            if (c.isMissing(i)) {
                ps.setNull(p, Types.NULL);
                continue;
            }
            switch (code[j]) {
                case STRING -> ps.setString(p, ((StringColumn) c).get(i));
                case BOOLEAN -> ps.setInt(p, ((BooleanColumn) c).get(i) ? 1 : 0);
                case SHORT -> ps.setInt(p, ((ShortColumn) c).getShort(i));
                case INTEGER -> ps.setInt(p, ((IntColumn) c).getInt(i));
                case LONG -> ps.setLong(p, ((LongColumn) c).getLong(i));
                case FLOAT -> {
                    float f = ((FloatColumn) c).getFloat(i);
                    if (Float.floatToRawIntBits(f) == Integer.MIN_VALUE) negZero.get(j).add(i);
                    ps.setDouble(p, f);
                }
                case DOUBLE -> {
                    double d = ((DoubleColumn) c).getDouble(i);
                    if (Double.doubleToRawLongBits(d) == Long.MIN_VALUE) negZero.get(j).add(i);
                    ps.setDouble(p, d);
                }
                case LOCAL_DATE -> ps.setString(p, ((DateColumn) c).get(i).toString());
                case LOCAL_DATE_TIME -> ps.setString(p, SQL_DATE_TIME.format(((DateTimeColumn) c).get(i)));
                case INSTANT -> ps.setString(p, SQL_DATE_TIME.format(LocalDateTime.ofInstant(((InstantColumn) c).get(i), ZoneOffset.UTC)) + "Z");
                case LOCAL_TIME -> ps.setString(p, DateTimeFormatter.ISO_LOCAL_TIME.format(((TimeColumn) c).get(i)));
                default -> throw new IllegalStateException();
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** Empty Tablesaw columns for a schema. */
    static Column<?>[] emptyColumns(List<TableSchema.Column> spec, StoredType[] code) {
        Column<?>[] cols = new Column<?>[code.length];
        for (int j = 0; j < code.length; j++) {
            String n = spec.get(j).name();
            cols[j] = switch (code[j]) {
                case STRING -> StringColumn.create(n);
                case BOOLEAN -> BooleanColumn.create(n);
                case SHORT -> ShortColumn.create(n);
                case INTEGER -> IntColumn.create(n);
                case LONG -> LongColumn.create(n);
                case FLOAT -> FloatColumn.create(n);
                case DOUBLE -> DoubleColumn.create(n);
                case LOCAL_DATE -> DateColumn.create(n);
                case LOCAL_DATE_TIME -> DateTimeColumn.create(n);
                case INSTANT -> InstantColumn.create(n);
                case LOCAL_TIME -> TimeColumn.create(n);
                default -> throw new IllegalStateException();
            };
        }
        return cols;
    }

    /** Appends the current row of {@code rs} (columns {@code 1..n}) to {@code cols}. */
    static void readRow(ResultSet rs, SqlDialect dialect, Column<?>[] cols, StoredType[] code) throws SQLException {
        boolean pg = dialect == SqlDialect.POSTGRESQL;
        for (int j = 0; j < code.length; j++) {
            int p = j + 1;
            Column<?> c = cols[j];
            switch (code[j]) {
                case STRING -> {
                    String s = rs.getString(p);
                    if (s == null) c.appendMissing(); else ((StringColumn) c).append(s);
                }
                case BOOLEAN -> {
                    boolean b = rs.getBoolean(p);
                    if (rs.wasNull()) c.appendMissing(); else ((BooleanColumn) c).append(b);
                }
                case SHORT -> {
                    short v = rs.getShort(p);
                    if (rs.wasNull()) c.appendMissing(); else ((ShortColumn) c).append(v);
                }
                case INTEGER -> {
                    int v = rs.getInt(p);
                    if (rs.wasNull()) c.appendMissing(); else ((IntColumn) c).append(v);
                }
                case LONG -> {
                    long v = rs.getLong(p);
                    if (rs.wasNull()) c.appendMissing(); else ((LongColumn) c).append(v);
                }
                case FLOAT -> {
                    float v = pg ? rs.getFloat(p) : (float) rs.getDouble(p);
                    if (rs.wasNull()) c.appendMissing(); else ((FloatColumn) c).append(v);
                }
                case DOUBLE -> {
                    double v = rs.getDouble(p);
                    if (rs.wasNull()) c.appendMissing(); else ((DoubleColumn) c).append(v);
                }
                case LOCAL_DATE -> {
                    LocalDate v = pg ? rs.getObject(p, LocalDate.class) : parse(rs.getString(p), LocalDate::parse);
                    if (v == null) c.appendMissing(); else ((DateColumn) c).append(v);
                }
                case LOCAL_DATE_TIME -> {
                    LocalDateTime v = pg ? rs.getObject(p, LocalDateTime.class)
                            : parse(rs.getString(p), s -> LocalDateTime.parse(s.replace(' ', 'T')));
                    if (v == null) c.appendMissing(); else ((DateTimeColumn) c).append(v);
                }
                case INSTANT -> {
                    Instant v;
                    if (pg) {
                        OffsetDateTime o = rs.getObject(p, OffsetDateTime.class);
                        v = o == null ? null : o.toInstant();
                    } else {
                        v = parse(rs.getString(p), s -> Instant.parse(s.replace(' ', 'T')));
                    }
                    if (v == null) c.appendMissing(); else ((InstantColumn) c).append(v);
                }
                case LOCAL_TIME -> {
                    LocalTime v = pg ? rs.getObject(p, LocalTime.class) : parse(rs.getString(p), LocalTime::parse);
                    if (v == null) c.appendMissing(); else ((TimeColumn) c).append(v);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static <T> T parse(String s, java.util.function.Function<String, T> f) {
        return s == null ? null : f.apply(s);
    }

    // ------------------------------------------------------------------ SQLite's -0.0

    /** Rows as catalog text ({@code 3,17,42}), or null when there are none. */
    static String rowsText(List<Integer> rows) {
        if (rows.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (int r : rows) {
            if (sb.length() > 0) sb.append(',');
            sb.append(r);
        }
        return sb.toString();
    }

    /** Sets the rows listed in {@code rowsText} of a float/double column back to -0.0. */
    static void restoreNegativeZeros(Column<?> c, String rowsText) {
        if (rowsText == null || rowsText.isEmpty()) return;
        for (String r : rowsText.split(",")) {
            int i = Integer.parseInt(r.trim());
            if (i < 0 || i >= c.size()) throw new IllegalArgumentException("negative-zero row " + i + " outside the table");
            if (c instanceof DoubleColumn d && d.getDouble(i) == 0.0) d.set(i, -0.0d);
            else if (c instanceof FloatColumn f && f.getFloat(i) == 0.0f) f.set(i, -0.0f);
            else if (c instanceof DoubleColumn || c instanceof FloatColumn)
                throw new IllegalArgumentException("column '" + c.name() + "' row " + i + " is recorded as -0.0 but holds " + c.getString(i));
            else throw new IllegalArgumentException("negative-zero rows recorded for non-float column '" + c.name() + "'");
        }
    }

    /** A fresh list of per-column row lists, for {@link #bind}. */
    static List<List<Integer>> negZeroLists(int n) {
        List<List<Integer>> l = new ArrayList<>(n);
        for (int j = 0; j < n; j++) l.add(new ArrayList<>());
        return l;
    }
}
