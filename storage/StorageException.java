package storage;

/**
 * Every failure a {@link Store} reports. Unchecked, so store calls read plainly in scripts and JShell;
 * sealed, so a {@code switch} over the kinds is exhaustive. Messages always name the key (or store) and the cause.
 */
public abstract sealed class StorageException extends RuntimeException {
    private final String key;

    private StorageException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The key (or, for store-level failures, the store URI) the failure is about; may be null. */
    public String key() { return key; }

    /** No such key, or no such version of it. */
    public static final class NotFound extends StorageException {
        public NotFound(String key, String message) { super(key, message, null); }
    }

    /** A create-only save found the key already present (or being written). */
    public static final class AlreadyExists extends StorageException {
        public AlreadyExists(String key, String message) { super(key, message, null); }
    }

    /** The key is not a safe path-like key (see {@link StorageKey}). */
    public static final class InvalidKey extends StorageException {
        public InvalidKey(String key, String message) { super(key, message, null); }
    }

    /** Stored bytes fail their checksum or their own format: nothing is returned. */
    public static final class Corrupt extends StorageException {
        public Corrupt(String key, String message, Throwable cause) { super(key, message, cause); }
    }

    /** The stored value is a different kind (table/object/bytes) or cannot be read as the type asked for. */
    public static final class WrongType extends StorageException {
        public WrongType(String key, String message, Throwable cause) { super(key, message, cause); }
    }

    /** The backend itself failed (I/O error, permission, unavailable backend class, network...). */
    public static final class BackendFailure extends StorageException {
        public BackendFailure(String key, String message, Throwable cause) { super(key, message, cause); }
    }
}
