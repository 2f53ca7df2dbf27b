//DEPS org.xerial:sqlite-jdbc:3.50.3.0
//DEPS org.postgresql:postgresql:42.7.14
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
/**
 * The SQLite and PostgreSQL storage backends.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES storage/jdbc/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package storage.jdbc;
