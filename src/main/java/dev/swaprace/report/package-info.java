/**
 * Renderings of the one results model ({@link dev.swaprace.results}): the graded view every
 * format shows, the renderers (terminal, HTML, JSON, CSV, JUnit XML, the run summary), and the
 * diff of two runs.
 *
 * <ul>
 *   <li>{@link dev.swaprace.report.Report}: the API ({@code Report.builder()...build()}, then
 *       {@code renderTerminal}, {@code writeHtml}, {@code writeJson}, {@code writeCsv},
 *       {@code writeJunit}, {@code writeAll});</li>
 *   <li>{@link dev.swaprace.report.ReportView}: everything the renderers show, computed once from
 *       the model, graded once ({@link dev.swaprace.results.Grading});</li>
 *   <li>{@link dev.swaprace.report.SummaryText}: the per-test summary and histograms that
 *       {@code swaprace run} prints;</li>
 *   <li>{@link dev.swaprace.report.RunDiff} and {@link dev.swaprace.report.Homogeneity}: what
 *       changed between two runs.</li>
 * </ul>
 */
package dev.swaprace.report;
