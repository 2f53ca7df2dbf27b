package ingest;

/**
 * One located problem: {@code file:line:column} (1-based; column counts characters from the start of the
 * line, pointing at the offending field), what was expected and what was found.
 */
public record Issue(String file, long line, int column, Problem problem, String expected, String found) {

    /** e.g. {@code data/exposures.csv:7:12: unparseable timestamp: expected ..., found '2026-13-01'} */
    public String message() {
        return file + ":" + line + ":" + column + ": " + problem.label() + ": expected " + expected + ", found " + found;
    }

    @Override
    public String toString() { return message(); }

    /** Quotes a found value for messages, shortened to 60 characters. */
    static String quote(String s) {
        if (s.length() > 60) s = s.substring(0, 57) + "...";
        return "'" + s + "'";
    }
}
