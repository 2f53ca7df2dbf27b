//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../numerics/*.java
/**
 * Design matrices, OLS, GLMs (Poisson, NB2), cross-validation, bootstrap and diagnostics; no I/O.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES stats/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package stats;
