package dev.recall.deck.importing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something an import found in the file, where it found it: {@code line} and {@code column}
 * are 1-based and absent when the finding concerns the whole file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportIssue(Integer line, Integer column, String message) {
    public static ImportIssue at(int line, int column, String message) {
        return new ImportIssue(line, column, message);
    }

    public static ImportIssue ofFile(String message) {
        return new ImportIssue(null, null, message);
    }

    @Override
    public String toString() {
        return line == null ? message : "line " + line + (column == null ? "" : ", column " + column) + ": " + message;
    }
}
