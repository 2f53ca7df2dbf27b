package storage.jdbc;

import storage.*;

import java.nio.charset.StandardCharsets;

/**
 * What differs between the SQL databases {@link JdbcStore} supports: column types for each Tablesaw type,
 * identifier limits, binary type, and how a JDBC URL names them. Everything else is plain SQL shared by both.
 *
 * <p>Column types (Tablesaw type -> SQLite declared type / PostgreSQL type):
 * <pre>
 *   BOOLEAN          BOOLEAN (0/1)              boolean
 *   SHORT            SMALLINT                   smallint
 *   INTEGER          INTEGER                    integer
 *   LONG             BIGINT                     bigint
 *   FLOAT            REAL                       real
 *   DOUBLE           DOUBLE                     double precision
 *   STRING           TEXT                       text
 *   LOCAL_DATE       DATE  (ISO text)           date
 *   LOCAL_TIME       TIME  (ISO text)           time
 *   LOCAL_DATE_TIME  TIMESTAMP (ISO text)       timestamp
 *   INSTANT          TIMESTAMPTZ (ISO text, Z)  timestamptz
 * </pre>
 * SQLite stores temporal values as ISO-8601 text that its date functions understand
 * ({@code 2026-11-03 10:15:30.25}); its REAL columns lose the sign of -0.0, which {@link SqlTableCodec}
 * records in the catalog so the round trip stays exact.
 */
public enum SqlDialect {
    SQLITE("BLOB", Integer.MAX_VALUE),
    POSTGRESQL("bytea", 63);

    private final String binaryType;
    private final int maxIdentifierBytes;

    SqlDialect(String binaryType, int maxIdentifierBytes) {
        this.binaryType = binaryType;
        this.maxIdentifierBytes = maxIdentifierBytes;
    }

    /** The dialect a JDBC URL names; IllegalArgumentException for any other database. */
    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB): "
                + JdbcStore.redact(jdbcUrl));
    }

    public String binaryType() { return binaryType; }

    /** PostgreSQL silently truncates longer identifiers, so names are checked against this. */
    public int maxIdentifierBytes() { return maxIdentifierBytes; }

    /** The SQL column type for a Tablesaw type name (one of {@link TableCodec#TYPES}). */
    public String columnType(String tablesawType) {
        boolean pg = this == POSTGRESQL;
        return switch (tablesawType) {
            case "BOOLEAN" -> pg ? "boolean" : "BOOLEAN";
            case "SHORT" -> pg ? "smallint" : "SMALLINT";
            case "INTEGER" -> pg ? "integer" : "INTEGER";
            case "LONG" -> pg ? "bigint" : "BIGINT";
            case "FLOAT" -> pg ? "real" : "REAL";
            case "DOUBLE" -> pg ? "double precision" : "DOUBLE";
            case "STRING" -> pg ? "text" : "TEXT";
            case "LOCAL_DATE" -> pg ? "date" : "DATE";
            case "LOCAL_TIME" -> pg ? "time" : "TIME";
            case "LOCAL_DATE_TIME" -> pg ? "timestamp" : "TIMESTAMP";
            case "INSTANT" -> pg ? "timestamptz" : "TIMESTAMPTZ";
            default -> throw new IllegalArgumentException("no SQL type for Tablesaw type " + tablesawType);
        };
    }

    /**
     * A quoted identifier. Only names that {@link #isUsableIdentifier} accepts reach here; the quote
     * character is doubled anyway, so a name can never end the quoted identifier early.
     */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Whether {@code name} can be used verbatim as a quoted column name: not empty, no NUL or other control
     * characters, within the identifier length limit (PostgreSQL would silently truncate it).
     */
    public boolean isUsableIdentifier(String name) {
        if (name == null || name.isEmpty() || name.isBlank()) return false;
        for (int i = 0; i < name.length(); i++) if (Character.isISOControl(name.charAt(i))) return false;
        if (!name.equals(name.strip())) return false;
        return name.getBytes(StandardCharsets.UTF_8).length <= maxIdentifierBytes;
    }
}
