package dev.swaprace.results;

/**
 * Bad report input or output: one line that names the file and what is wrong with it. The CLI
 * prints the message alone and exits 2.
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
