package storage;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens a {@link Store} from a URI, so scripts switch backends by configuration:
 * <ul>
 *   <li>{@code file:///abs/path} or a plain path ({@code results/store}, {@code /data/store}) - {@link FileStore}
 *       (local disk or NFS); the directory is created if missing;</li>
 *   <li>{@code s3://bucket/prefix} - {@code storage.s3.S3Store} (sources {@code storage/s3/*.java});</li>
 *   <li>{@code jdbc:sqlite:...}, {@code jdbc:postgresql:...} - {@code storage.jdbc.JdbcStore} (sources
 *       {@code storage/jdbc/*.java}).</li>
 * </ul>
 * The S3 and JDBC backends are looked up by name at run time, so a script that sources only the filesystem
 * files never needs the AWS SDK or JDBC drivers. A backend class must have {@code public static Store open(String uri)}.
 */
public final class Stores {
    private Stores() {}

    public static Store open(String uri) {
        if (uri == null || uri.isBlank()) throw new IllegalArgumentException("store URI is empty (try a directory path or file:///path)");
        if (uri.startsWith("s3://")) return backend("storage.s3.S3Store", "storage/s3/*.java", uri);
        if (uri.startsWith("jdbc:")) return backend("storage.jdbc.JdbcStore", "storage/jdbc/*.java", uri);
        if (uri.startsWith("file:")) {
            URI u;
            try {
                u = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("store URI '" + uri + "' is not a valid file: URI (" + e.getMessage() + ")");
            }
            if (u.getAuthority() != null && !u.getAuthority().isEmpty() && !u.getAuthority().equals("localhost"))
                throw new IllegalArgumentException("store URI '" + uri + "' names host '" + u.getAuthority()
                        + "': use file:///path (three slashes) or a plain path; mount NFS and give the mount path");
            if (u.getQuery() != null || u.getFragment() != null)
                throw new IllegalArgumentException("store URI '" + uri + "' has a query or fragment; a file store takes only a path");
            if (u.isOpaque() || u.getPath() == null || !u.getPath().startsWith("/"))
                throw new IllegalArgumentException("store URI '" + uri + "': a file: URI needs an absolute path (file:///data/store); "
                        + "for a relative directory give the plain path");
            return FileStore.open(Path.of(u.getPath()));
        }
        int colon = uri.indexOf(':');
        if (colon > 1 && uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*"))
            throw new IllegalArgumentException("store URI '" + uri + "': unknown scheme '" + uri.substring(0, colon)
                    + "' (supported: a path, file:///path, s3://bucket/prefix, jdbc:sqlite:..., jdbc:postgresql:...)");
        return FileStore.open(Path.of(uri));
    }

    private static Store backend(String className, String sourceFile, String uri) {
        Class<?> c;
        try {
            c = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new StorageException.BackendFailure(redact(uri), "store URI '" + redact(uri) + "' needs backend " + className
                    + ", which is not on the class path: add '//SOURCES " + sourceFile + "' (relative to your script) next to"
                    + " '//SOURCES storage/*.java'", e);
        }
        try {
            return (Store) c.getMethod("open", String.class).invoke(null, uri);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new StorageException.BackendFailure(redact(uri), "cannot open store '" + redact(uri) + "': " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new StorageException.BackendFailure(redact(uri), className + " has no usable 'public static Store open(String uri)': " + e, e);
        }
    }

    /** Hides a password in URIs such as jdbc:postgresql://h/db?user=u&password=secret or s3://key:secret@... */
    public static String redact(String uri) {
        return uri.replaceAll("(?i)(password|secret|token)=[^&;]*", "$1=***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
