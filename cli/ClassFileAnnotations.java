package cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime-visible annotations of a class and of its fields, read from its class file. Reflection's
 * {@code getAnnotation} builds a dynamic proxy class per annotation type and parses through several layers
 * on a cold JVM: reading a command's picocli annotations that way took 55-75 ms before any work could start
 * (measured, the main job on the sample); reading the class file takes a few. Only what the file holds is
 * returned: an element left at its annotation's default is absent, so the caller supplies the defaults.
 *
 * <p>Values: String, Integer (also byte, char, short), Boolean, Long, Float, Double, an enum constant as
 * {@link EnumValue}, a class as its descriptor (e.g. {@code "Lanalysis$Predict;"}), a nested annotation as
 * {@link Annotation}, an array as a List of these.
 */
public final class ClassFileAnnotations {
    private ClassFileAnnotations() {}

    /** One annotation: its type's binary name (e.g. {@code picocli.CommandLine$Option}) and the elements the file holds. */
    public record Annotation(String type, Map<String, Object> values) {
        public Object get(String element) { return values.get(element); }
    }

    public record EnumValue(String typeDescriptor, String name) {}

    /** A class's own annotations and each declared field's, by field name. */
    public record Of(Map<String, Annotation> onClass, Map<String, Map<String, Annotation>> onFields) {
        /** The field's annotation of {@code type} (a binary name), or null. */
        public Annotation field(String field, String type) {
            Map<String, Annotation> m = onFields.get(field);
            return m == null ? null : m.get(type);
        }
    }

    /** The annotations of {@code type}, or null when its class file cannot be found through its class loader. */
    public static Of of(Class<?> type) throws IOException {
        return ofResource(type.getClassLoader(), type.getName().replace('.', '/') + ".class");
    }

    /** The annotations of the class named by a descriptor such as {@code "Lanalysis$Predict;"}, found beside {@code near}. */
    public static Of ofDescriptor(Class<?> near, String descriptor) throws IOException {
        if (!descriptor.startsWith("L") || !descriptor.endsWith(";")) return null;
        return ofResource(near.getClassLoader(), descriptor.substring(1, descriptor.length() - 1) + ".class");
    }

    private static Of ofResource(ClassLoader loader, String resource) throws IOException {
        if (loader == null) return null;
        try (InputStream raw = loader.getResourceAsStream(resource)) {
            if (raw == null) return null;
            return parse(new DataInputStream(new java.io.BufferedInputStream(raw)));
        }
    }

    private static Of parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        Object[] pool = constants(in);
        in.readUnsignedShort();   // access flags
        in.readUnsignedShort();   // this class
        in.readUnsignedShort();   // super class
        skip(in, 2 * in.readUnsignedShort());   // interfaces
        Map<String, Map<String, Annotation>> fields = new HashMap<>();
        int nf = in.readUnsignedShort();
        for (int i = 0; i < nf; i++) {
            in.readUnsignedShort();
            String name = (String) pool[in.readUnsignedShort()];
            in.readUnsignedShort();
            Map<String, Annotation> a = attributes(in, pool);
            if (!a.isEmpty()) fields.put(name, a);
        }
        int nm = in.readUnsignedShort();
        for (int i = 0; i < nm; i++) {
            skip(in, 6);
            int na = in.readUnsignedShort();
            for (int j = 0; j < na; j++) {
                in.readUnsignedShort();
                skip(in, in.readInt());
            }
        }
        return new Of(attributes(in, pool), fields);
    }

    /** The constant pool; entries the annotations can name are kept (UTF-8 text and numbers), the rest null. */
    private static Object[] constants(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        Object[] pool = new Object[n];
        for (int i = 1; i < n; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();   // class files use the same modified UTF-8 as DataInput
                case 3 -> pool[i] = in.readInt();
                case 4 -> pool[i] = in.readFloat();
                case 5 -> { pool[i] = in.readLong(); i++; }
                case 6 -> { pool[i] = in.readDouble(); i++; }
                case 7, 8, 16, 19, 20 -> skip(in, 2);
                case 15 -> skip(in, 3);
                case 9, 10, 11, 12, 17, 18 -> skip(in, 4);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return pool;
    }

    /** The RuntimeVisibleAnnotations among a member's (or the class's) attributes, by type; the others skipped. */
    private static Map<String, Annotation> attributes(DataInputStream in, Object[] pool) throws IOException {
        Map<String, Annotation> out = new LinkedHashMap<>();
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            String name = (String) pool[in.readUnsignedShort()];
            int length = in.readInt();
            if (!"RuntimeVisibleAnnotations".equals(name)) {
                skip(in, length);
                continue;
            }
            int count = in.readUnsignedShort();
            for (int k = 0; k < count; k++) {
                Annotation a = annotation(in, pool);
                out.put(a.type(), a);
            }
        }
        return out;
    }

    private static Annotation annotation(DataInputStream in, Object[] pool) throws IOException {
        String descriptor = (String) pool[in.readUnsignedShort()];
        String type = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        Map<String, Object> values = new LinkedHashMap<>();
        int pairs = in.readUnsignedShort();
        for (int i = 0; i < pairs; i++) {
            String element = (String) pool[in.readUnsignedShort()];
            values.put(element, value(in, pool));
        }
        return new Annotation(type, values);
    }

    private static Object value(DataInputStream in, Object[] pool) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case 'B', 'C', 'I', 'S', 'J', 'F', 'D', 's' -> pool[in.readUnsignedShort()];
            case 'Z' -> ((Integer) pool[in.readUnsignedShort()]) != 0;
            case 'e' -> new EnumValue((String) pool[in.readUnsignedShort()], (String) pool[in.readUnsignedShort()]);
            case 'c' -> pool[in.readUnsignedShort()];
            case '@' -> annotation(in, pool);
            case '[' -> {
                int n = in.readUnsignedShort();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(value(in, pool));
                yield list;
            }
            default -> throw new IOException("unknown annotation element tag " + (char) tag);
        };
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        in.skipNBytes(n);
    }
}
