/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one readable line (its message and causes) and exits 1.
 *
 * <p>Set {@code SAPENET_STACKTRACE=1} to get the full stack trace as well.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
            Exception ex, CommandLine commandLine, ParseResult parseResult) {
        StringBuilder message = new StringBuilder("error: ");
        message.append(describe(ex));
        for (Throwable cause = ex.getCause();
                cause != null && cause != cause.getCause();
                cause = cause.getCause()) {
            String text = describe(cause);
            if (message.indexOf(text) < 0) {
                message.append("\n  caused by: ").append(text);
            }
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(message.toString()));
        if (System.getenv("SAPENET_STACKTRACE") != null) {
            ex.printStackTrace(commandLine.getErr());
        }
        return 1;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
