package ingest;

/**
 * Whether a line's bytes are text: well-formed UTF-8 (no overlong forms, no surrogates) without control
 * characters (C0 except tab, DEL, C1). Latin-1 or Windows-1252 bytes, a NUL, a stray carriage return
 * would otherwise become new category labels that print as garbage; {@link Problem#BAD_TEXT} rejects
 * the row instead. ASCII is checked eight bytes at a time, so a clean line costs a few word operations.
 */
final class TextCheck {
    private TextCheck() {}

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, SPACES = ONES * 0x20;

    /** Offset of the first byte of b[s, e) that is not text, or -1 when the whole range is text. */
    static int firstBad(byte[] b, int s, int e) {
        int i = s;
        while (i < e) {
            if (i + 8 <= e) {
                long x = (long) LONGS.get(b, i);
                // high bit of a byte set iff: byte < 0x20 (borrow), byte >= 0x80, or byte == 0x7F (carry)
                if ((((x - SPACES) | x | (x + ONES)) & HIGHS) == 0) { i += 8; continue; }
            }
            int c = b[i] & 0xff;
            if ((c >= 0x20 && c < 0x7F) || c == '\t') { i++; continue; }
            if (c < 0x80) return i;
            int n = sequence(b, i, e);
            if (n < 0) return i;
            i += n;
        }
        return -1;
    }

    /** Length of the well-formed, non-control UTF-8 sequence starting with a lead byte >= 0x80 at i, or -1. */
    private static int sequence(byte[] b, int i, int e) {
        int c = b[i] & 0xff;
        int n, lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) { n = 2; if (c == 0xC2) hi = 0x9F; } // C2 80..9F are the C1 controls
        else if (c == 0xE0) { n = 3; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEF) { n = 3; if (c == 0xED) hi = 0x9F; } // ED A0.. are surrogates
        else if (c == 0xF0) { n = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) n = 4;
        else if (c == 0xF4) { n = 4; hi = 0x8F; }
        else return -1;
        if (i + n > e) return -1;
        int c1 = b[i + 1] & 0xff;
        if (c == 0xC2) return c1 >= 0xA0 && c1 <= 0xBF ? 2 : -1;
        if (c1 < lo || c1 > hi) return -1;
        for (int k = 2; k < n; k++) if ((b[i + k] & 0xC0) != 0x80) return -1;
        return n;
    }

    /**
     * The field b[s, e) for a message: text as is, every byte that is not text as {@code \xNN}, at most
     * 60 characters, quoted; e.g. {@code 'caf\xE9'} or {@code 'ad\x00'}.
     */
    static String show(byte[] b, int s, int e) {
        StringBuilder out = new StringBuilder();
        int i = s;
        while (i < e && out.length() <= 60) {
            int c = b[i] & 0xff;
            if ((c >= 0x20 && c < 0x7F) || c == '\t') { out.append((char) c); i++; continue; }
            int n = c >= 0x80 ? sequence(b, i, e) : -1;
            if (n > 0) { out.append(new String(b, i, n, java.nio.charset.StandardCharsets.UTF_8)); i += n; }
            else { out.append(String.format("\\x%02X", c)); i++; }
        }
        // shortened like Issue.quote: more than 60 characters become the first 57 and "..."
        if (i < e || out.length() > 60) { out.setLength(57); out.append("..."); }
        return "'" + out + "'";
    }

    /** What the byte at i is, for a message: e.g. "byte 0xE9 (not UTF-8)" or "control character 0x00". */
    static String describe(byte[] b, int i) {
        int c = b[i] & 0xff;
        if (c < 0x20 || c == 0x7F) return String.format("control character 0x%02X", c);
        if (c == 0xC2 && i + 1 < b.length && (b[i + 1] & 0xff) >= 0x80 && (b[i + 1] & 0xff) <= 0x9F)
            return String.format("control character U+%04X", b[i + 1] & 0xff);
        return String.format("byte 0x%02X (not UTF-8)", c);
    }
}
