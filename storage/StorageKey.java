package storage;

import java.util.List;

/**
 * A validated, path-like store key such as {@code results/2026-11/summary}. Every backend validates keys
 * through this class, so a key that is safe for one backend is safe for all of them.
 *
 * <p>Rules (an allow-list, not a deny-list): 1 to 1024 characters; segments separated by single {@code /};
 * each segment 1 to 255 characters of {@code A-Z a-z 0-9 . _ - = +}, starting with a letter, digit or
 * {@code _}, and not ending with {@code .}. Hence no {@code ..} or {@code .}, no absolute paths, no
 * backslashes, no empty segments, no control or non-ASCII characters (no Unicode look-alikes or
 * normalisation tricks), no {@code %} (no percent-encoded tricks such as {@code %2e%2e}, {@code %2f},
 * {@code %00}), no {@code :} (no URI schemes or drive letters), no {@code ~}, and no {@code @} (reserved
 * for the stores' own bookkeeping).
 */
public record StorageKey(String value, List<String> segments) {
    public static final int MAX_LENGTH = 1024;
    public static final int MAX_SEGMENT = 255;

    public StorageKey {
        segments = List.copyOf(segments);
    }

    /** Validates {@code key}; throws {@link StorageException.InvalidKey} naming the key and the rule broken. */
    public static StorageKey of(String key) {
        if (key == null) throw invalid(null, "a key is required (got null)");
        if (key.isEmpty()) throw invalid(key, "the key is empty");
        if (key.length() > MAX_LENGTH) throw invalid(key, "longer than " + MAX_LENGTH + " characters");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) throw invalid(key, String.format("control character U+%04X at index %d", (int) c, i));
            if (c == '\\') throw invalid(key, "backslash at index " + i + " (use / between segments)");
            if (c == '%') throw invalid(key, "'%' at index " + i + " (percent-encoding is not accepted; write the plain key)");
            if (c > 126) throw invalid(key, String.format("non-ASCII character U+%04X at index %d", (int) c, i));
        }
        if (key.startsWith("/")) throw invalid(key, "absolute path (keys are relative to the store root)");
        if (key.endsWith("/")) throw invalid(key, "trailing '/' (empty segment)");
        List<String> segs = List.of(key.split("/", -1));
        for (String s : segs) {
            if (s.isEmpty()) throw invalid(key, "empty segment ('//')");
            if (s.equals(".") || s.equals("..")) throw invalid(key, "'" + s + "' segment (no relative path steps)");
            if (s.length() > MAX_SEGMENT) throw invalid(key, "segment longer than " + MAX_SEGMENT + " characters");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == '-' || c == '=' || c == '+';
                if (!ok) throw invalid(key, "character '" + c + "' in segment '" + s + "' (allowed: A-Z a-z 0-9 . _ - = +)");
            }
            char first = s.charAt(0);
            if (first == '.' || first == '-' || first == '=' || first == '+')
                throw invalid(key, "segment '" + s + "' must start with a letter, digit or '_'");
            if (s.endsWith(".")) throw invalid(key, "segment '" + s + "' must not end with '.'");
        }
        return new StorageKey(key, segs);
    }

    /** Validates a listing prefix: the empty string (everything) or a valid key (whole segments). */
    public static StorageKey prefix(String prefix) {
        if (prefix != null && prefix.isEmpty()) return new StorageKey("", List.of());
        return of(prefix);
    }

    private static StorageException.InvalidKey invalid(String key, String why) {
        String shown = key == null ? "null" : '"' + escape(key) + '"';
        return new StorageException.InvalidKey(key, "invalid key " + shown + ": " + why);
    }

    /** Shows control characters visibly so an error message cannot be spoofed by the key it reports. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029
                    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == '"' || cp == '\\')
                b.append(String.format("\\u%04x", cp));
            else b.appendCodePoint(cp);
        });
        if (s.length() > 200) b.append("...");
        return b.toString();
    }

    @Override
    public String toString() { return value; }
}
