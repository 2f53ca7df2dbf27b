//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind
//DEPS org.webjars.npm:plotly.js-dist:2.35.3
//SOURCES ../numerics/*.java
/**
 * EDA summaries, offline plotly charts and the HTML report.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES report/*.java} includes this one. Jackson comes through its BOM
 * (one version for every Jackson artifact).
 */
package report;
