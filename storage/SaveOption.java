package storage;

/** Options for the save calls of {@link Store}. */
public enum SaveOption {
    /**
     * Fail with {@link StorageException.AlreadyExists} if the key already has a version (or a save of it is
     * in progress) instead of adding a new version. Atomic against concurrent savers of the same key.
     */
    CREATE_ONLY
}
