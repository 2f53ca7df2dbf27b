package storage;

import java.util.Arrays;
import java.util.List;

/**
 * The column types a stored table can hold (Tablesaw's type names), shared by the CSV codec
 * ({@link TableCodec}) and the SQL codec, so both switch over one enum instead of integer codes.
 * The names are what schemas and catalogs store.
 */
public enum StoredType {
    STRING, BOOLEAN, SHORT, INTEGER, LONG, FLOAT, DOUBLE, LOCAL_DATE, LOCAL_DATE_TIME, INSTANT, LOCAL_TIME;

    /** Every type name, in declaration order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    /** The type named {@code name} (a Tablesaw type name, as stored in schemas), or null if tables cannot hold it. */
    public static StoredType named(String name) {
        if (name == null) return null;
        for (StoredType t : values()) if (t.name().equals(name)) return t;
        return null;
    }
}
