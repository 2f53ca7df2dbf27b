package cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain command line read straight from a command's picocli annotations, so a job starts without picocli:
 * building picocli's model of a command takes about 0.14 s of a JVM's first second (its classes are Java 5
 * bytecode, which class-data sharing cannot archive and the old verifier checks), a tenth of the main job's
 * whole run on the sample, before any work can start.
 *
 * <p>It handles only what it can do exactly as picocli does: {@code --name value}, {@code --name=value},
 * boolean flags, one value per option, positional parameters by index, each option's {@code defaultValue},
 * and values of type String, Path, int, long, double (and their boxes) and enums (case-insensitive, as the
 * jobs configure picocli). For anything else - {@code -h}, {@code --help}, {@code -V}, {@code --version}, a
 * subcommand, an unknown option, a missing or malformed value, a repeated option, {@code --}, a type or
 * annotation feature it does not know - {@link #parse} changes nothing and returns false, and the caller runs
 * picocli, which then gives the help, the version or its own error message. The annotations stay the one
 * definition of the options; they are read from the command's class file ({@link ClassFileAnnotations}), not
 * through reflection, whose annotation proxies cost a cold JVM 55-75 ms.
 */
public final class QuickArgs {
    private QuickArgs() {}

    private static final String NO_DEFAULT = "__no_default_value__";

    /**
     * Sets {@code command}'s {@code @Option} and {@code @Parameters} fields from {@code args} and their defaults and
     * returns true; or returns false, having set nothing, when picocli is needed (see the class comment).
     */
    public static boolean parse(Object command, String[] args) {
        try {
            Map<Field, Object> values = read(command.getClass(), args);
            if (values == null) return false;
            for (Map.Entry<Field, Object> e : values.entrySet()) {
                e.getKey().setAccessible(true);
                e.getKey().set(command, e.getValue());
            }
            return true;
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException e) {
            return false;   // picocli will say what is wrong, if anything
        }
    }

    private static final String COMMAND = "picocli.CommandLine$Command", OPTION = "picocli.CommandLine$Option",
            PARAMETERS = "picocli.CommandLine$Parameters";

    /**
     * Field -> value for every field that gets one, or null when picocli is needed. The annotations are read from
     * the class file ({@link ClassFileAnnotations}: reflection's took 55-75 ms of a cold start); an element the
     * file does not hold has picocli's default, written here.
     */
    private static Map<Field, Object> read(Class<?> type, String[] args) throws java.io.IOException {
        ClassFileAnnotations.Of ann = ClassFileAnnotations.of(type);
        if (ann == null) return null;
        ClassFileAnnotations.Annotation cmd = ann.onClass().get(COMMAND);
        if (cmd == null || type.getSuperclass() != Object.class) return null;
        Set<String> subcommands = new HashSet<>();
        for (Object sub : list(cmd, "subcommands")) {
            ClassFileAnnotations.Of s = sub instanceof String d ? ClassFileAnnotations.ofDescriptor(type, d) : null;
            ClassFileAnnotations.Annotation c = s == null ? null : s.onClass().get(COMMAND);
            if (c == null) return null;
            subcommands.add(string(c, "name", "<main class>"));
            for (Object alias : list(c, "aliases")) subcommands.add((String) alias);
        }
        Map<String, Field> byName = new HashMap<>();
        List<Field> positional = new ArrayList<>();
        Map<Field, Object> out = new LinkedHashMap<>();
        Set<Field> given = new HashSet<>();
        Field[] fields = type.getDeclaredFields();
        for (Field f : fields) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            ClassFileAnnotations.Annotation o = ann.field(f.getName(), OPTION), p = ann.field(f.getName(), PARAMETERS);
            if (o != null) {
                if (!string(o, "arity", "").isEmpty() || !string(o, "split", "").isEmpty() || bool(o, "negatable") || bool(o, "help")
                        || bool(o, "usageHelp") || bool(o, "versionHelp") || o.get("converter") != null || o.get("type") != null) return null;
                for (Object n : list(o, "names")) byName.put((String) n, f);
            } else if (p != null) {
                String index = string(p, "index", ""), arity = string(p, "arity", "");
                if (!digits(index) || index.length() > 6 || !(arity.isEmpty() || arity.equals("1") || arity.equals("0..1"))
                        || p.get("converter") != null || p.get("type") != null) return null;
                int at = Integer.parseInt(index);
                while (positional.size() <= at) positional.add(null);
                if (positional.get(at) != null) return null;
                positional.set(at, f);
            }
        }
        if (positional.contains(null)) return null;
        int next = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--") || a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return null;
            if (a.startsWith("-") && a.length() > 1) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                Field f = byName.get(name);
                if (f == null || !given.add(f)) return null;
                Object v;
                if (isBoolean(f.getType())) {
                    if (eq >= 0) return null;
                    v = Boolean.TRUE;
                } else {
                    String text = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                    // a separate value that looks like an option: picocli decides (it may refuse it)
                    if (text == null || (eq < 0 && text.startsWith("-"))) return null;
                    v = convert(f.getType(), text);
                }
                if (v == null) return null;
                out.put(f, v);
            } else {
                if (next == 0 && subcommands.contains(a)) return null;
                if (next >= positional.size()) return null;
                Field f = positional.get(next++);
                Object v = convert(f.getType(), a);
                if (v == null) return null;
                given.add(f);
                out.put(f, v);
            }
        }
        for (Field f : fields) {
            if (given.contains(f) || Modifier.isStatic(f.getModifiers())) continue;
            ClassFileAnnotations.Annotation o = ann.field(f.getName(), OPTION), p = ann.field(f.getName(), PARAMETERS);
            if (o == null && p == null) continue;
            if (o != null && bool(o, "required")) return null;
            if (p != null && !string(p, "arity", "").equals("0..1")) return null;   // a required positional: picocli's message
            String d = string(o != null ? o : p, "defaultValue", NO_DEFAULT);
            if (d.equals(NO_DEFAULT)) continue;   // keeps the field's initial value, as picocli does
            if (d.contains("${")) return null;
            Object v = convert(f.getType(), d);
            if (v == null) return null;
            out.put(f, v);
        }
        return out;
    }

    private static String string(ClassFileAnnotations.Annotation a, String element, String dflt) {
        return a.get(element) instanceof String s ? s : dflt;
    }

    private static boolean bool(ClassFileAnnotations.Annotation a, String element) {
        return Boolean.TRUE.equals(a.get(element));
    }

    private static List<?> list(ClassFileAnnotations.Annotation a, String element) {
        return a.get(element) instanceof List<?> l ? l : List.of();
    }

    /** One or more ASCII digits. */
    private static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** {@code -?[0-9]{1,18}}. */
    private static boolean integer(String s) {
        String d = s.startsWith("-") ? s.substring(1) : s;
        return d.length() <= 18 && digits(d);
    }

    /** {@code -?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?}. */
    private static boolean decimal(String s) {
        int i = s.startsWith("-") ? 1 : 0, n = s.length();
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = s.substring(i, e < 0 ? n : e);
        int dot = mantissa.indexOf('.');
        if (!(dot < 0 ? digits(mantissa) : digits(mantissa.substring(0, dot)) && digits(mantissa.substring(dot + 1)))) return false;
        if (e < 0) return true;
        String exp = s.substring(e + 1);
        return digits(exp.startsWith("-") ? exp.substring(1) : exp);
    }

    private static boolean isBoolean(Class<?> t) { return t == boolean.class || t == Boolean.class; }

    /** The value picocli's converter gives for {@code text}, or null where this class defers to picocli. */
    private static Object convert(Class<?> t, String text) {
        if (t == String.class) return text;
        if (t == Path.class) return text.isEmpty() ? null : Path.of(text);
        if (t == int.class || t == Integer.class) return integer(text) ? toInt(text) : null;
        if (t == long.class || t == Long.class) return integer(text) ? Long.parseLong(text) : null;
        if (t == double.class || t == Double.class) return decimal(text) ? Double.parseDouble(text) : null;
        if (t.isEnum()) {
            for (Object c : t.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(text)) return c;
            return null;
        }
        return null;
    }

    private static Integer toInt(String text) {
        long v = Long.parseLong(text);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }
}
