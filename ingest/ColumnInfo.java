package ingest;

/**
 * A people.csv demographic column as read.
 *
 * @param name         header name
 * @param kind         NUMERIC or CATEGORICAL
 * @param storage      Tablesaw column type used: "INTEGER", "DOUBLE" or "STRING"
 * @param nonMissing   accepted rows with a value
 * @param missing      accepted rows with an empty cell (plus, for NUMERIC, cells that were not numbers)
 * @param numericShare share of the non-empty cells that are numbers (NaN when the column is all empty)
 * @param rule         why it has this kind, e.g. "detected: 100.0% of 999,000 non-empty values are numbers (>= 99%)"
 */
public record ColumnInfo(String name, ColumnKind kind, String storage, long nonMissing, long missing,
                         double numericShare, String rule) {}
