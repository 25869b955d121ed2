/**
 * The one results model (docs/design.md §4), which every command that reads jcstress results
 * goes through ({@code run}, {@code hunt}, {@code mutants}, {@code bench}, {@code report},
 * {@code diff}).
 *
 * <ul>
 *   <li>{@link dev.swaprace.results.BlobReader} and {@link dev.swaprace.results.BlobFilter}: the
 *       only reader of jcstress result blobs, through jcstress's {@code DiskReadCollector} behind
 *       a deserialization allow-list; strict, or reading a cut blob up to the damage;</li>
 *   <li>{@link dev.swaprace.results.Histograms}: counts keyed by (host, run, test, JVM
 *       configuration, outcome), merged with checked totals;</li>
 *   <li>{@link dev.swaprace.results.TestCatalog} and {@link dev.swaprace.results.Grading}: jcstress's
 *       grading from any suite's TestList; {@link dev.swaprace.results.TestNaming}: which tests are
 *       swaprace's, their scenario, variant and short name;</li>
 *   <li>{@link dev.swaprace.results.ExplorerResults}: the explorer's reachable sets and
 *       witnesses, joined with the observed outcomes;</li>
 *   <li>{@link dev.swaprace.results.JsonOutput} and {@link dev.swaprace.results.AtomicOutput}: how
 *       every output file is versioned and written.</li>
 * </ul>
 * Bad input is a {@link dev.swaprace.results.ReportException}: one line naming the file.
 */
package dev.swaprace.results;
