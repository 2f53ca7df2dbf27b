///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES slices/*.java
//SOURCES stats/*.java
//SOURCES storage/Store.java storage/Stores.java storage/FileStore.java storage/Json.java storage/Kind.java storage/Metadata.java storage/SaveOption.java storage/StorageException.java storage/StorageKey.java storage/TableCodec.java storage/TableSchema.java
//SOURCES report/*.java
//JAVA_OPTIONS -Xmx2g
// Slice-fit-combine: slices a CSV by a column, fits y ~ x by OLS per slice (in parallel), combines the models.
// Usage: ./jbang slices.java FILE.csv --by COL --x COL[,COL...] --y COL [--na drop|mean|median|mode]
//        [--out DIR] [--store URI] [--plots DIR]        (./jbang slices.java --help for everything)
// The logic lives in package slices (slices/); this script only hands over the arguments.

class SlicesMain {
    public static void main(String[] args) {
        System.exit(slices.SliceJob.main(args, System.out, System.err));
    }
}
