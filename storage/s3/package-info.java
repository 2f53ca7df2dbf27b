//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:apache-client
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
/**
 * The S3 storage backend.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES storage/s3/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package storage.s3;
