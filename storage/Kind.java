package storage;

/** What a stored version holds. */
public enum Kind { TABLE, OBJECT, BYTES }
