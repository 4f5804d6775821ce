package dev.recall.deck.importing;

import java.util.List;

/** The file cannot be imported; {@link #errors} lists every problem found, each with its place. */
public class ImportRejected extends RuntimeException {
    private final List<ImportIssue> errors;

    public ImportRejected(String summary, List<ImportIssue> errors) {
        super(summary);
        this.errors = List.copyOf(errors);
    }

    public List<ImportIssue> errors() {
        return errors;
    }
}
