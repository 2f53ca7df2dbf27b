package slices;

import storage.Store;
import storage.Hashing;
import storage.Stores;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Saves each slice's model through the project's storage service ({@link storage.Stores#open(String)}) as
 * JSON under {@code slices/<by>/<y>_on_<x1>+<x2>/<slice>}. Names that are not valid key segments (spaces,
 * slashes, non-ASCII, ...) are written with those characters replaced by '_' plus a short hash of the
 * original, so two slice values never share a key. Every save is a new version of the key.
 */
public final class SliceStore {
    private SliceStore() {}

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._=+-]{0,199}");

    /** The key a slice's model is saved under. */
    public static String key(String by, String y, List<String> x, String slice) {
        return "slices/" + segment(by) + "/" + segment(y) + "_on_" + segment(String.join("+", x)) + "/" + segment(slice);
    }

    /** Saves every fitted slice (failed slices have no model: their reason is in the combined table). */
    public static int save(String uri, String by, String y, List<String> x, NaStrategy na, String fileName, List<SliceFit> fits) {
        int saved = 0;
        try (Store store = cli.StoreOption.forWriting(uri)) {
            for (SliceFit f : fits) {
                if (!f.ok()) continue;
                store.saveObject(key(by, y, x, f.slice()), new SliceModel(by, f.slice(), y, x, na.cli(), fileName, f));
                saved++;
            }
        }
        return saved;
    }

    /** Loads the latest saved model of a slice. */
    public static SliceModel load(String uri, String by, String y, List<String> x, String slice) {
        try (Store store = Stores.open(uri)) {
            return store.loadObject(key(by, y, x, slice), SliceModel.class);
        }
    }

    static String segment(String s) {
        if (SAFE.matcher(s).matches() && !s.endsWith(".")) return s;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
                    || c == '=' || c == '+';
            b.append(ok ? c : '_');
        }
        if (b.length() == 0 || !Character.isLetterOrDigit(b.charAt(0))) b.insert(0, '_');
        return b + "-" + shortHash(s);
    }

    private static String shortHash(String s) {
        return Hashing.sha256Hex(s).substring(0, 10);
    }
}
