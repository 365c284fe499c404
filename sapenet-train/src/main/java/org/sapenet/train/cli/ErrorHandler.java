/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
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

    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // The JDK's file errors often carry only the path: say what went wrong with it.
        if (t instanceof FileSystemException && ((FileSystemException) t).getReason() == null) {
            return message + ": " + reason((FileSystemException) t);
        }
        return message;
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof NotLinkException) {
            return "not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        return e.getClass().getSimpleName();
    }
}
