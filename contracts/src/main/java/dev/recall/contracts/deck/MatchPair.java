package dev.recall.contracts.deck;

/** One pair of a MATCHING item (GIFT {@code =left -> right}): the learner matches each left to its right. */
public record MatchPair(String left, String right) {
}
