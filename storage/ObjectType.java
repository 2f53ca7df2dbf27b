package storage;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic target type for {@link Store#loadObject(String, ObjectType)}, captured the way Jackson's
 * TypeReference and Guava's TypeToken do it, so the store's interface names no JSON library:
 * {@code store.loadObject("runs/points", new ObjectType<List<Point>>() {})}. The caller names the type;
 * stored bytes never choose it (no polymorphic typing).
 */
public abstract class ObjectType<T> {
    private final Type type;

    protected ObjectType() {
        Type t = getClass().getGenericSuperclass();
        if (!(t instanceof ParameterizedType p)) {
            throw new IllegalArgumentException("ObjectType needs its type argument, e.g. new ObjectType<List<Point>>() {}");
        }
        type = p.getActualTypeArguments()[0];
    }

    /** The captured type, e.g. {@code List<Point>}. */
    public Type type() { return type; }

    @Override
    public String toString() { return type.getTypeName(); }
}
