package ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems and row counts of one chunk of one file, with chunk-local line numbers (1 = the chunk's first
 * line). Chunks are merged in file order by {@link #report}, which turns local line numbers into file line
 * numbers, so the examples are the first ones in the file whatever the number of threads.
 */
final class ChunkLog {
    record Pending(Problem problem, long line, int column, String expected, String found) {}

    final int index;
    final int maxExamples;
    final boolean strict;
    long lines;
    long rowsRead, rowsAccepted;
    final long[] counts = new long[Problem.values().length];
    final int[] kept = new int[Problem.values().length];
    final List<Pending> examples = new ArrayList<>();
    /** strict mode: the first problem of this chunk (processing of the chunk stops there) */
    Pending first;

    ChunkLog(int index, int maxExamples, boolean strict) {
        this.index = index;
        this.maxExamples = maxExamples;
        this.strict = strict;
    }

    /** Whether add(p, ...) would keep the details (so the caller builds the strings only then). */
    boolean wants(Problem p) {
        return kept[p.ordinal()] < maxExamples || (strict && first == null);
    }

    void add(Problem p, long line, int column, String expected, String found) {
        counts[p.ordinal()]++;
        if (!wants(p)) return;
        Pending x = new Pending(p, line, column, expected, found);
        if (kept[p.ordinal()] < maxExamples) { kept[p.ordinal()]++; examples.add(x); }
        if (strict && first == null) first = x;
    }

    void count(Problem p) { counts[p.ordinal()]++; }

    /** 1-based character column of byte position at in a line starting at lineStart (UTF-8 aware). */
    static int column(byte[] b, int lineStart, int at) {
        int c = 1;
        for (int i = lineStart; i < at; i++) if ((b[i] & 0xC0) != 0x80) c++;
        return c;
    }

    /**
     * Counts a row whose bytes are not text ({@link TextCheck}); the location is the first bad byte, the
     * message names the field that holds it and shows that field with the bad bytes as {@code \xNN}.
     */
    void badText(byte[] b, int s, int bad, Fields f, List<String> header, long line) {
        if (!wants(Problem.BAD_TEXT)) { count(Problem.BAD_TEXT); return; }
        int c = 0;
        while (c + 1 < Math.min(f.count, f.capacity) && f.pos[c + 1] <= bad) c++;
        add(Problem.BAD_TEXT, line, column(b, s, bad), "UTF-8 text without control characters in column '" + header.get(c) + "'",
                TextCheck.describe(b, bad) + " in " + TextCheck.show(f.src[c], f.start[c], f.end[c]));
    }

    /** Counts a row whose field c is longer than limit bytes. */
    void tooLong(byte[] b, int s, Fields f, int c, List<String> header, int limit, String what, long line) {
        if (!wants(Problem.TOO_LONG)) { count(Problem.TOO_LONG); return; }
        add(Problem.TOO_LONG, line, column(b, s, f.pos[c]), "at most " + limit + " bytes in column '" + header.get(c) + "' (the limit for " + what + ")",
                String.format("%,d bytes starting %s", f.end[c] - f.start[c], TextCheck.show(f.src[c], f.start[c], Math.min(f.end[c], f.start[c] + 40))));
    }

    /** A found value for a message: bytes that are not text shown as \\xNN, at most 60 characters. */
    static String found(byte[] b, int s, int e) {
        return TextCheck.show(b, s, e);
    }

    /** Line number in the file of a chunk's local line, given the lines before the chunk. */
    static Issue issue(String file, long linesBefore, Pending p) {
        return new Issue(file, linesBefore + p.line(), p.column(), p.problem(), p.expected(), p.found());
    }

    /** Strict mode: the first problem in file order over chunks already processed in order, or null. */
    static Issue firstProblem(String file, long headerLines, List<ChunkLog> chunks) {
        long before = headerLines;
        for (ChunkLog c : chunks) {
            if (c == null) return null;
            if (c.first != null) return issue(file, before, c.first);
            before += c.lines;
        }
        return null;
    }

    /** Merges chunk logs (in file order) into one FileReport. */
    static FileReport report(InputFile f, long headerLines, List<ChunkLog> chunks, int maxExamples, double seconds, List<String> notes) {
        long before = headerLines;
        long read = 0, accepted = 0;
        long[] counts = new long[Problem.values().length];
        List<List<Issue>> ex = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) ex.add(new ArrayList<>());
        for (ChunkLog c : chunks) {
            read += c.rowsRead;
            accepted += c.rowsAccepted;
            for (int i = 0; i < counts.length; i++) counts[i] += c.counts[i];
            for (Pending p : c.examples) {
                List<Issue> l = ex.get(p.problem().ordinal());
                if (l.size() < maxExamples) l.add(issue(f.name, before, p));
            }
            before += c.lines;
        }
        List<ProblemCount> problems = new ArrayList<>();
        for (Problem p : Problem.values())
            if (counts[p.ordinal()] > 0) problems.add(new ProblemCount(p, counts[p.ordinal()], ex.get(p.ordinal())));
        return new FileReport(f.name, f.size, f.gzip, read, accepted, problems, seconds, notes);
    }
}
