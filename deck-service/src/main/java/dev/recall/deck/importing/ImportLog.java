package dev.recall.deck.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a parser finds. Errors are kept one by one (a broken file reports all of them);
 * a warning that repeats for many items is reported once with the lines it concerns, so that a
 * file of 5,000 questions does not answer with 5,000 warnings.
 */
final class ImportLog {
    static final int MAX_ERRORS = 500;
    private static final int LINES_SHOWN = 10;

    private final List<ImportIssue> errors = new ArrayList<>();
    private final Map<String, List<Integer>> warnings = new LinkedHashMap<>();
    private int errorCount;

    void error(int line, int column, String message) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(ImportIssue.at(line, column, message));
        }
    }

    /** A warning about the item or construct at {@code line}; the same message for other lines is merged. */
    void warn(int line, String message) {
        warnings.computeIfAbsent(message, m -> new ArrayList<>()).add(line);
    }

    /** A warning about the whole file. */
    void warnFile(String message) {
        warnings.computeIfAbsent(message, m -> new ArrayList<>());
    }

    boolean hasErrors() {
        return errorCount > 0;
    }

    int errorCount() {
        return errorCount;
    }

    List<ImportIssue> warnings() {
        List<ImportIssue> result = new ArrayList<>();
        warnings.forEach((message, lines) -> {
            if (lines.isEmpty()) {
                result.add(ImportIssue.ofFile(message));
            } else if (lines.size() == 1) {
                result.add(new ImportIssue(lines.get(0), null, message));
            } else {
                StringBuilder where = new StringBuilder("lines ");
                for (int i = 0; i < Math.min(LINES_SHOWN, lines.size()); i++) {
                    where.append(i == 0 ? "" : ", ").append(lines.get(i));
                }
                if (lines.size() > LINES_SHOWN) {
                    where.append(" and ").append(lines.size() - LINES_SHOWN).append(" more");
                }
                result.add(new ImportIssue(lines.get(0), null, lines.size() + " items, " + where + ": " + message));
            }
        });
        return result;
    }

    /** Throws with every error, in the order of the file, if there is any. */
    void throwIfErrors(String format) {
        if (errorCount == 0) {
            return;
        }
        List<ImportIssue> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing((ImportIssue i) -> i.line() == null ? 0 : i.line())
                .thenComparing(i -> i.column() == null ? 0 : i.column()));
        if (errorCount > errors.size()) {
            sorted.add(ImportIssue.ofFile((errorCount - errors.size()) + " more problems not listed"));
        }
        throw new ImportRejected("the " + format + " file cannot be imported: " + errorCount + " problem"
                + (errorCount == 1 ? "" : "s") + "; nothing was created", sorted);
    }
}
