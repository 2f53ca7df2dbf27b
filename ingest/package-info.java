//DEPS tech.tablesaw:tablesaw-core:0.44.4
/**
 * Validated, streaming, parallel reading of people, exposures and site visits.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES ingest/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package ingest;
