///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES slices/*.java
//SOURCES cli/*.java
//SOURCES stats/*.java
// The storage service without its S3 backend (whose AWS SDK is large): --store takes a path, file:///path,
// jdbc:sqlite:FILE or jdbc:postgresql://...; for s3:// add //SOURCES storage/s3/*.java.
//SOURCES storage/*.java
//SOURCES storage/jdbc/*.java
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES report/*.java
//JAVA_OPTIONS -Xmx2g
// Slice-fit-combine: slices a CSV by a column, fits y ~ x by OLS per slice (in parallel), combines the models.
// Usage: ./jbang slices.java FILE.csv --by COL --x COL[,COL...] --y COL [--na drop|mean|median|mode|knn|regression|mice]
//        [--out DIR] [--store URI] [--plots DIR]        (./jbang slices.java --help for everything)
// The logic lives in package slices (slices/); this script only hands over the arguments.

class SlicesMain {
    public static void main(String[] args) {
        System.exit(slices.SliceJob.main(args, System.out, System.err));
    }
}
