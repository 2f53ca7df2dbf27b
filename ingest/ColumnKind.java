package ingest;

/** Kind of a people.csv demographic column, as detected (see {@link PeopleReader}) or declared. */
public enum ColumnKind {
    /** every accepted value is a number; stored as an IntColumn when all are integers in int range, else DoubleColumn */
    NUMERIC,
    /** stored as a StringColumn; empty cells are missing */
    CATEGORICAL
}
