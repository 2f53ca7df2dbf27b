package cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
import java.util.regex.Pattern;

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
 * definition of the options.
 */
public final class QuickArgs {
    private QuickArgs() {}

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
    private static final String NO_DEFAULT = "__no_default_value__";

    /**
     * Sets {@code command}'s {@link Option} and {@link Parameters} fields from {@code args} and their defaults and
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
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;   // picocli will say what is wrong, if anything
        }
    }

    /** Field -> value for every field that gets one, or null when picocli is needed. */
    private static Map<Field, Object> read(Class<?> type, String[] args) {
        Command cmd = type.getAnnotation(Command.class);
        if (cmd == null || type.getSuperclass() != Object.class) return null;
        Set<String> subcommands = new HashSet<>();
        for (Class<?> sub : cmd.subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c == null) return null;
            subcommands.add(c.name());
            subcommands.addAll(List.of(c.aliases()));
        }
        Map<String, Field> byName = new HashMap<>();
        List<Field> positional = new ArrayList<>();
        Map<Field, Object> out = new LinkedHashMap<>();
        Set<Field> given = new HashSet<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            Option o = f.getAnnotation(Option.class);
            Parameters p = f.getAnnotation(Parameters.class);
            if (o != null) {
                if (o.arity().length() > 0 || o.split().length() > 0 || o.negatable() || o.help() || o.usageHelp() || o.versionHelp()) return null;
                for (String n : o.names()) byName.put(n, f);
            } else if (p != null) {
                if (!p.index().matches("[0-9]+") || !(p.arity().isEmpty() || p.arity().equals("1") || p.arity().equals("0..1"))) return null;
                int at = Integer.parseInt(p.index());
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
        for (Field f : type.getDeclaredFields()) {
            if (given.contains(f)) continue;
            Option o = f.getAnnotation(Option.class);
            Parameters p = f.getAnnotation(Parameters.class);
            if (o == null && p == null) continue;
            if (o != null && o.required()) return null;
            if (p != null && !p.arity().equals("0..1")) return null;   // a required positional: picocli's message
            String d = o != null ? o.defaultValue() : p.defaultValue();
            if (d.equals(NO_DEFAULT)) continue;   // keeps the field's initial value, as picocli does
            if (d.contains("${")) return null;
            Object v = convert(f.getType(), d);
            if (v == null) return null;
            out.put(f, v);
        }
        return out;
    }

    private static boolean isBoolean(Class<?> t) { return t == boolean.class || t == Boolean.class; }

    /** The value picocli's converter gives for {@code text}, or null where this class defers to picocli. */
    private static Object convert(Class<?> t, String text) {
        if (t == String.class) return text;
        if (t == Path.class) return text.isEmpty() ? null : Path.of(text);
        if (t == int.class || t == Integer.class) return INTEGER.matcher(text).matches() ? toInt(text) : null;
        if (t == long.class || t == Long.class) return INTEGER.matcher(text).matches() ? Long.parseLong(text) : null;
        if (t == double.class || t == Double.class) return DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : null;
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
