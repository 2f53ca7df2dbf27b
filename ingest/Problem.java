package ingest;

/**
 * Row-level problems. Each rejected row is counted under exactly one problem (the first found in it), so
 * {@code rowsRead == rowsAccepted + rowsRejected} for every file. {@link #BAD_NUMBER} does not reject the
 * row: the cell becomes missing and the row is kept.
 */
public enum Problem {
    BLANK_LINE("blank line"),
    FIELD_COUNT("wrong number of fields"),
    BAD_QUOTE("malformed quoted field"),
    /** bytes that are not UTF-8, or a control character (NUL, CR, ...): see {@link TextCheck} */
    BAD_TEXT("invalid text"),
    /** an id or label longer than {@link IngestOptions#MAX_ID_BYTES} / {@link IngestOptions#MAX_LABEL_BYTES} */
    TOO_LONG("value too long"),
    MISSING_VALUE("empty required value"),
    BAD_TIMESTAMP("unparseable timestamp"),
    BAD_NUMBER("unparseable number"),
    DUPLICATE_ID("duplicate person_id"),
    UNKNOWN_PERSON("unknown person"),
    TIME_OUT_OF_RANGE("timestamp outside the accepted window");

    private final String label;

    Problem(String label) { this.label = label; }

    /** Human wording used in messages and the report, e.g. "wrong number of fields". */
    public String label() { return label; }

    /** Whether a row with this problem is left out (all but BAD_NUMBER). */
    public boolean rejectsRow() { return this != BAD_NUMBER; }
}
