//DEPS org.apache.commons:commons-math3:3.6.1
/**
 * Numerical helpers that both {@code stats} and {@code impute} need (stats depends on impute, so they live
 * below both): distribution tails and z(0.975) ({@link numerics.Tails}), the median ({@link numerics.Median}).
 * No Tablesaw, no I/O.
 *
 * <p>This file is the package's one home of its dependencies and their versions: JBang reads {@code //DEPS}
 * from every sourced file, and {@code //SOURCES numerics/*.java} includes this one.
 */
package numerics;
