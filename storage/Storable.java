package storage;

import tech.tablesaw.api.*;
import tech.tablesaw.columns.Column;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Values a store refuses before writing anything, because they could not come back exactly: every backend
 * refuses text with an unpaired UTF-16 surrogate (not valid Unicode, so UTF-8 would turn it into {@code ?});
 * SQL backends also refuse NUL in names and (where the database has limits) dates outside its range.
 * Each refusal names the column, the row and why, as an IllegalArgumentException the store turns into
 * {@link StorageException.WrongType}.
 */
public final class Storable {
    private Storable() {}

    /** Checks the table name, the column names and every string cell for unpaired surrogates. */
    public static void checkText(Table t) {
        checkName("the table name", t.name());
        for (Column<?> c : t.columns()) {
            checkName("column name '" + printable(c.name()) + "'", c.name());
            if (c instanceof StringColumn s) {
                for (int i = 0; i < s.size(); i++) {
                    String v = s.get(i);
                    int at = unpairedSurrogate(v);
                    if (at >= 0)
                        throw new IllegalArgumentException("column '" + printable(c.name()) + "' row " + i + ": the string has an unpaired"
                                + String.format(" UTF-16 surrogate U+%04X at index %d", (int) v.charAt(at), at)
                                + " (not valid Unicode; it cannot be stored as UTF-8 and read back)");
                }
            }
        }
    }

    /** For SQL text: no NUL in the table name or column names (cells are checked as they are encoded). */
    public static void checkSqlNames(Table t) {
        if (t.name() != null && t.name().indexOf('\0') >= 0)
            throw new IllegalArgumentException("the table name contains a NUL character, which SQL text cannot store");
        for (Column<?> c : t.columns())
            if (c.name().indexOf('\0') >= 0)
                throw new IllegalArgumentException("column name '" + printable(c.name()) + "' contains a NUL character, which SQL text cannot store");
    }

    /** Dates, date-times and instants must lie in years {@code min..max} (UTC for instants); {@code why} names the limit. */
    public static void checkYears(Table t, int min, int max, String why) {
        for (Column<?> c : t.columns()) {
            for (int i = 0; i < c.size(); i++) {
                if (c.isMissing(i)) continue;
                int year;
                if (c instanceof DateColumn d) year = d.get(i).getYear();
                else if (c instanceof DateTimeColumn d) year = d.get(i).getYear();
                else if (c instanceof InstantColumn d) {
                    Instant x = d.get(i);
                    year = x.atOffset(ZoneOffset.UTC).getYear();
                } else break;
                if (year < min || year > max)
                    throw new IllegalArgumentException("column '" + printable(c.name()) + "' row " + i + ": " + c.get(i) + " is outside years "
                            + min + ".." + max + " (" + why + ")");
            }
        }
    }

    private static void checkName(String what, String name) {
        if (name == null) return;
        int at = unpairedSurrogate(name);
        if (at >= 0)
            throw new IllegalArgumentException(what + String.format(" has an unpaired UTF-16 surrogate U+%04X at index %d", (int) name.charAt(at), at)
                    + " (not valid Unicode; it cannot be stored as UTF-8 and read back)");
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1. */
    static int unpairedSurrogate(String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (Character.isHighSurrogate(ch)) {
                if (k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) k++;
                else return k;
            } else if (Character.isLowSurrogate(ch)) return k;
        }
        return -1;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().limit(100).forEach(ch -> {
            if (Character.isSurrogate((char) ch) || Character.isISOControl(ch)) b.append(String.format("\\u%04x", ch));
            else b.append((char) ch);
        });
        return b.toString();
    }
}
