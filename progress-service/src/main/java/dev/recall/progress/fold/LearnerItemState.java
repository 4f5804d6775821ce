package dev.recall.progress.fold;

import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.AnswerRating;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One learner x item after the answers folded so far: its counts, what its latest answer said, and its
 * FSRS-6 schedule. "Latest" is by answeredAt, then answer id: {@link Review#CHRONOLOGICAL}, so the
 * result never depends on the order in which answers arrive. The projection stores it as one
 * learner_items row; {@link ProgressFold} keeps it in memory.
 *
 * @param schedule   the card after every answer so far; null only on rows folded before schedules existed
 * @param lastReview the latest answer as FSRS saw it (null as {@code schedule})
 */
public record LearnerItemState(
        String learnerId, UUID deckId, UUID itemId, String kind, String level,
        int attempts, int correct, double scoreSum, Instant firstAnsweredAt, Instant lastAnsweredAt,
        int lastDeckVersion, boolean lastCorrect, double lastScore, String lastRating,
        Integer lastConceptsHit, Integer lastConceptsTotal, List<String> lastConceptsCovered,
        Card schedule, Review lastReview) {

    public LearnerItemState {
        Objects.requireNonNull(learnerId, "learnerId");
        lastConceptsCovered = lastConceptsCovered == null ? null : List.copyOf(lastConceptsCovered);
        // The retention a review was scheduled at is in the schedule; the state keeps which answer it was.
        lastReview = lastReview == null || lastReview.desiredRetention() == null ? lastReview
                : new Review(lastReview.answerId(), lastReview.reviewedAt(), lastReview.rating());
    }

    /** Where a fold gets the item's whole answer history when it has to replay it (a late answer). */
    @FunctionalInterface
    public interface History<E extends Exception> {
        List<Review> reviews() throws E;
    }

    /**
     * The state after one more {@code answer}, which is already part of {@code history}. An answer after
     * the latest one is one more FSRS review; an earlier one (it arrived late) replays the item's whole
     * history, so the schedule is the same whatever the arrival order.
     *
     * @param current          null for the learner's first answer to the item
     * @param desiredRetention what the answer's deck version asks for; null while that version is unknown
     */
    public static <E extends Exception> LearnerItemState fold(LearnerItemState current, AnswerRecorded answer,
            Double desiredRetention, Fsrs fsrs, History<E> history) throws E {
        Review review = review(answer, desiredRetention);
        boolean latest = current == null || (current.lastReview() == null
                ? !review.reviewedAt().isBefore(current.lastAnsweredAt()) : review.isAfter(current.lastReview()));
        Card schedule;
        Review lastReview;
        if (current != null && current.schedule() != null && latest) {
            schedule = fsrs.review(current.schedule(), review);
            lastReview = review;
        } else if (current == null) {
            schedule = fsrs.review(Card.unseen(review.reviewedAt()), review);
            lastReview = review;
        } else {
            List<Review> reviews = history.reviews();
            schedule = fsrs.replay(reviews);
            lastReview = reviews.stream().max(Review.CHRONOLOGICAL).orElseThrow();
        }
        int attempts = current == null ? 1 : current.attempts() + 1;
        int correct = (current == null ? 0 : current.correct()) + (answer.correct() ? 1 : 0);
        double scoreSum = (current == null ? 0 : current.scoreSum()) + answer.score();
        Instant first = current == null || review.reviewedAt().isBefore(current.firstAnsweredAt())
                ? review.reviewedAt() : current.firstAnsweredAt();
        Instant last = current == null || review.reviewedAt().isAfter(current.lastAnsweredAt())
                ? review.reviewedAt() : current.lastAnsweredAt();
        if (latest) {
            // The learner x item is current's (equal to the answer's): sharing its strings and UUIDs, and the
            // rating's constant, keeps one copy of each per learner x item in a fold's memory, not one per answer.
            return new LearnerItemState(current == null ? answer.learnerId() : current.learnerId(),
                    current == null ? answer.deckId() : current.deckId(),
                    current == null ? answer.itemId() : current.itemId(), answer.kind().name(),
                    answer.level().wireName(), attempts, correct, scoreSum, first, last, answer.deckVersion(),
                    answer.correct(), answer.score(), constant(answer.rating()), answer.conceptsHit(),
                    answer.conceptsTotal(), answer.conceptsCovered(), schedule, lastReview);
        }
        return new LearnerItemState(current.learnerId(), current.deckId(), current.itemId(), current.kind(),
                current.level(), attempts, correct, scoreSum, first, last, current.lastDeckVersion(),
                current.lastCorrect(), current.lastScore(), current.lastRating(), current.lastConceptsHit(),
                current.lastConceptsTotal(), current.lastConceptsCovered(), schedule, lastReview);
    }

    /** Rating.values() once: it copies the array on every call, and the fold asks for each answer. */
    static final Rating[] RATINGS = Rating.values();

    /** {@code rating} as the constant of its {@link Rating}, when it names one. */
    private static String constant(String rating) {
        for (Rating known : RATINGS) {
            if (known.name().equals(rating)) {
                return known.name();
            }
        }
        return rating;
    }

    /** The same counts with a schedule replayed from {@code reviews} (the item's whole history). */
    public LearnerItemState rescheduled(Fsrs fsrs, List<Review> reviews) {
        return new LearnerItemState(learnerId, deckId, itemId, kind, level, attempts, correct, scoreSum,
                firstAnsweredAt, lastAnsweredAt, lastDeckVersion, lastCorrect, lastScore, lastRating, lastConceptsHit,
                lastConceptsTotal, lastConceptsCovered, fsrs.replay(reviews),
                reviews.stream().max(Review.CHRONOLOGICAL).orElseThrow());
    }

    /** The answer as FSRS sees it, at the desired retention of its deck version (null: the scheduler's). */
    public static Review review(AnswerRecorded answer, Double desiredRetention) {
        return new Review(answer.answerId(), answeredAt(answer), rating(answer), desiredRetention);
    }

    /** PostgreSQL keeps microseconds: the fold uses the time exactly as stored, so a replay lands on it. */
    public static Instant answeredAt(AnswerRecorded answer) {
        return answer.answeredAt().truncatedTo(ChronoUnit.MICROS);
    }

    /** Flashcards count with the learner's rating; other kinds correct GOOD, partial HARD, wrong AGAIN. */
    public static Rating rating(AnswerRecorded answer) {
        return AnswerRating.of(answer.kind(), answer.rating(), answer.correct(), answer.score());
    }
}
