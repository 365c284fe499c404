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
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one readable line (its message and causes) and exits 1.
 *
 * <p>Set {@code SAPENET_STACKTRACE=1} to get the full stack trace as well.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private static final Map<Class<?>, String> REASONS =
            Map.of(
                    AccessDeniedException.class, "permission denied",
                    NoSuchFileException.class, "no such file or folder",
                    FileAlreadyExistsException.class, "already exists",
                    NotDirectoryException.class, "not a folder",
                    DirectoryNotEmptyException.class, "folder not empty",
                    NotLinkException.class, "not a symbolic link",
                    FileSystemLoopException.class, "symbolic link loop");

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
        return REASONS.getOrDefault(e.getClass(), e.getClass().getSimpleName());
    }
}
