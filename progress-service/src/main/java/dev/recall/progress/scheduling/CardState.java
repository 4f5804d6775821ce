package dev.recall.progress.scheduling;

/**
 * Where an item is in its schedule: never reviewed, in the short learning steps, in long-term review,
 * or back in the short steps after a lapse (relearning).
 */
public enum CardState {
    NEW, LEARNING, REVIEW, RELEARNING
}
