package dev.futures.cli.docs;

import java.io.File;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** What the completion scripts need beyond picocli's model: which options and parameters name files. */
public final class CompletionHints {
    /** A parameter label that names a file or directory ({@code FILE}, {@code DIR}, {@code PATH}, ...). */
    private static final Pattern FILE_LABEL = Pattern.compile("(?i).*\\b(FILE|DIR|PATH|SCRIPT)S?\\b.*");

    private CompletionHints() {
    }

    public static boolean takesFile(String paramLabel, Class<?> type) {
        return type == File.class || type == Path.class || paramLabel != null && FILE_LABEL.matcher(paramLabel).matches();
    }
}
