/**
 * Reports of jcstress runs: read result blobs safely, merge runs and hosts, join with the
 * explorer, diff, and render text, HTML, JSON, CSV and JUnit XML.
 *
 * <ul>
 *   <li>{@link dev.swaprace.report.Report}: the API ({@code Report.fromBlobs(paths)} or
 *       {@code Report.builder()...build()}, then {@code renderTerminal}, {@code writeHtml},
 *       {@code writeJson}, {@code writeCsv}, {@code writeJunit}, {@code writeAll});</li>
 *   <li>{@link dev.swaprace.report.BlobReader} and {@link dev.swaprace.report.BlobFilter}: one
 *       blob through jcstress's {@code DiskReadCollector}, behind a deserialization allow-list;</li>
 *   <li>{@link dev.swaprace.report.Histograms}: the model, counts keyed by (host, run, test, JVM
 *       configuration, outcome), merged with checked totals;</li>
 *   <li>{@link dev.swaprace.report.TestCatalog} and {@link dev.swaprace.report.Grading}: jcstress's
 *       grading from any suite's TestList; {@link dev.swaprace.report.TestNaming}: which tests are
 *       swaprace's, and their scenario and variant;</li>
 *   <li>{@link dev.swaprace.report.ExplorerResults}: the explorer's reachable sets and witnesses;</li>
 *   <li>{@link dev.swaprace.report.ReportView}: everything the renderers show, computed once;</li>
 *   <li>{@link dev.swaprace.report.RunDiff} and {@link dev.swaprace.report.Homogeneity}: what
 *       changed between two runs.</li>
 * </ul>
 * Bad input is a {@link dev.swaprace.report.ReportException}: one line naming the file.
 */
package dev.swaprace.report;
