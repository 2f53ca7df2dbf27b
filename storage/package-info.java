//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS com.fasterxml.jackson.datatype:jackson-datatype-jsr310
//DEPS com.fasterxml.jackson.datatype:jackson-datatype-jdk8
/**
 * The storage interface, key rules, errors, the filesystem store, opening a store from a URI.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES storage/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package storage;
