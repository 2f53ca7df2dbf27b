package storage;

import java.util.List;

/**
 * The schema of a stored table, kept in its manifest: table name, row count and the columns in order with
 * their Tablesaw type names ({@code STRING, BOOLEAN, SHORT, INTEGER, LONG, FLOAT, DOUBLE, LOCAL_DATE,
 * LOCAL_DATE_TIME, INSTANT, LOCAL_TIME}). Types are never inferred from the data.
 */
public record TableSchema(String name, long rowCount, List<Column> columns) {
    public TableSchema {
        columns = List.copyOf(columns);
    }

    public record Column(String name, String type) {}
}
