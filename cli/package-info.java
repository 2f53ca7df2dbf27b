//DEPS info.picocli:picocli:4.7.7
//SOURCES ../storage/*.java
/**
 * What every job's command line shares: the exit codes, the {@code --store} option, the version lines, and
 * {@link cli.QuickArgs}, which reads a plain command line from picocli's annotations without starting picocli.
 *
 * <p>This file is the package's one home of its dependencies and their versions.
 */
package cli;
