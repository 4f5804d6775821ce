package dev.recall.deck.authoring;

import java.util.List;

/** A command the deck refuses, with every reason at once. */
public class DeckRuleViolation extends RuntimeException {
    private final List<Problem> problems;

    public DeckRuleViolation(String summary, List<Problem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
