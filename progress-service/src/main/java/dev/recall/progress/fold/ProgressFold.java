package dev.recall.progress.fold;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole progress projection as a plain-Java fold over deck and quiz events, with the rules the
 * database projection applies ({@code ProgressProjector}): each event id once, each answer id once, an
 * answer kept and counted even before its deck version arrives, versions immutable, every learner x item
 * folded by {@link LearnerItemState#fold}, and the items answered on a version rescheduled when that
 * version arrives asking for another desired retention than the instance's.
 *
 * <p>It is what the projection's invariants are unit-tested on: the same events once, with duplicates,
 * or in another interleaving across learners give an equal {@link #state()}; and what a rebuild folds
 * the bulk of the log with before writing the tables in batches ({@code BulkReplay}).
 */
public final class ProgressFold {
    private final Fsrs fsrs;
    private final UuidSet processedEvents = new UuidSet();
    private final Map<VersionKey, DeckPublished> versions = new HashMap<>();
    private final Map<UUID, Integer> latestVersions = new HashMap<>();
    private final Map<UUID, AnswerRecorded> answers = new HashMap<>();
    private final Consumer<AnswerRecorded> newAnswers;
    private final UuidSet answerIds = new UuidSet();
    /** The learner x items answered on a version before it arrived (the only ones it may reschedule). */
    private final Map<VersionKey, Set<LearnerItemKey>> answeredBeforeVersion = new HashMap<>();
    /** Each learner x item's state and answers, in the order first answered: one lookup per answer folded. */
    private final Map<LearnerItemKey, Tracked> learnerItems = new LinkedHashMap<>();

    /** A learner x item's latest state, and its answers as {@link Answered}. */
    private static final class Tracked {
        LearnerItemState state;
        final List<Answered> answers = new ArrayList<>(2);
    }

    record VersionKey(UUID deckId, int version) {
    }

    /**
     * What an item's history keeps of an answer: enough to replay its review at its version's retention,
     * in primitives (a million of these are kept through a rebuild's bulk).
     */
    private record Answered(long idHigh, long idLow, long answeredAtSecond, int answeredAtNano, Rating rating,
            int deckVersion) {
        static Answered of(AnswerRecorded answer) {
            Instant at = LearnerItemState.answeredAt(answer);
            return new Answered(answer.answerId().getMostSignificantBits(), answer.answerId().getLeastSignificantBits(),
                    at.getEpochSecond(), at.getNano(), LearnerItemState.rating(answer), answer.deckVersion());
        }

        Review review(Double desiredRetention) {
            return new Review(new UUID(idHigh, idLow), Instant.ofEpochSecond(answeredAtSecond, answeredAtNano), rating,
                    desiredRetention);
        }
    }

    public record LearnerItemKey(String learnerId, UUID deckId, UUID itemId) {
    }

    /** Everything the projection holds, as values: equal states are equal projections. */
    public record State(Map<UUID, Integer> latestVersions, Set<DeckPublished> versions, Map<UUID, AnswerRecorded> answers,
            Map<LearnerItemKey, LearnerItemState> learnerItems) {
    }

    /** A fold that keeps every answer, for {@link #answers()} and {@link #state()}. */
    public ProgressFold(Fsrs fsrs) {
        this.fsrs = fsrs;
        this.newAnswers = answer -> answers.put(answer.answerId(), answer);
    }

    /**
     * A fold that hands each answer, the first time its id is seen, to {@code newAnswers} instead of keeping
     * it: it keeps only what later answers and versions need (answer ids, and per learner x item the
     * answers' ids, times, ratings and versions), so a long log folds in less memory; {@link #answers()}
     * is then empty.
     */
    public ProgressFold(Fsrs fsrs, Consumer<AnswerRecorded> newAnswers) {
        this.fsrs = fsrs;
        this.newAnswers = newAnswers;
    }

    /**
     * Applies one event; false when its id was applied before. An event the projection refuses (a
     * published version re-announced with other content) throws and changes nothing.
     */
    public boolean apply(EventEnvelope event) {
        return apply(event.id(), payload(event));
    }

    /**
     * {@link #apply(EventEnvelope)} with what the fold reads of the event: its id, and its {@link #payload} read
     * beforehand (a bulk reads them on every core, then folds in order).
     */
    public boolean apply(UUID eventId, Object payload) {
        if (processedEvents.contains(eventId)) {
            return false;
        }
        if (payload instanceof DeckPublished deck) {
            deckPublished(deck);
        } else if (payload instanceof AnswerRecorded answer) {
            answerRecorded(answer);
        }
        processedEvents.add(eventId);
        return true;
    }

    /** What the fold reads of the event: its DeckPublished or AnswerRecorded data; null for other types. */
    public static Object payload(EventEnvelope event) {
        if (EventTypes.DECK_PUBLISHED.equals(event.type())) {
            return event.dataAs(DeckPublished.class).withDefaultSettingsIfNone();
        }
        if (EventTypes.ANSWER_RECORDED.equals(event.type())) {
            return event.dataAs(AnswerRecorded.class);
        }
        return null;
    }

    public void applyAll(List<EventEnvelope> events) {
        events.forEach(this::apply);
    }

    public State state() {
        return new State(Map.copyOf(latestVersions), Set.copyOf(versions.values()), Map.copyOf(answers),
                learnerItems.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        entry -> entry.getValue().state)));
    }

    /** Every published version, as it arrived. */
    public Collection<DeckPublished> deckVersions() {
        return versions.values();
    }

    /** Every answer, once (none when the answers were handed on as they came). */
    public Collection<AnswerRecorded> answers() {
        return answers.values();
    }

    /** Every learner x item's state, in the order first answered (a list made on each call). */
    public List<LearnerItemState> learnerItems() {
        return learnerItems.values().stream().map(tracked -> tracked.state).toList();
    }

    public int learnerItemCount() {
        return learnerItems.size();
    }

    public LearnerItemState learnerItem(String learnerId, UUID deckId, UUID itemId) {
        Tracked tracked = learnerItems.get(new LearnerItemKey(learnerId, deckId, itemId));
        return tracked == null ? null : tracked.state;
    }

    private void deckPublished(DeckPublished deck) {
        VersionKey key = new VersionKey(deck.deckId(), deck.version());
        DeckPublished known = versions.get(key);
        if (known != null) {
            if (known.contentHash().equals(deck.contentHash())) {
                return;
            }
            throw new IllegalArgumentException("deck " + deck.deckId() + " version " + deck.version()
                    + " was already published with content " + known.contentHash());
        }
        versions.put(key, deck);
        latestVersions.merge(deck.deckId(), deck.version(), Math::max);
        Set<LearnerItemKey> early = answeredBeforeVersion.remove(key);
        if (early == null || deck.settings().desiredRetention() == fsrs.parameters().desiredRetention()) {
            return;
        }
        for (LearnerItemKey learnerItem : early) {
            Tracked tracked = learnerItems.get(learnerItem);
            tracked.state = tracked.state.rescheduled(fsrs, history(learnerItem, tracked, null));
        }
    }

    private void answerRecorded(AnswerRecorded answer) {
        if (answerIds.contains(answer.answerId())) {
            return; // the same answer re-emitted under another event id
        }
        LearnerItemKey key = new LearnerItemKey(answer.learnerId(), answer.deckId(), answer.itemId());
        Answered answered = Answered.of(answer);
        Double retention = desiredRetention(answer.deckId(), answer.deckVersion());
        Tracked known = learnerItems.get(key);
        LearnerItemState next = LearnerItemState.fold(known == null ? null : known.state, answer, retention, fsrs,
                () -> history(key, known, answered));
        // Kept only once its state is known: an answer the fold refuses leaves no trace, as in the database.
        answerIds.add(answer.answerId());
        Tracked tracked = known;
        if (tracked == null) {
            tracked = new Tracked();
            learnerItems.put(key, tracked);
        }
        tracked.answers.add(answered);
        tracked.state = next;
        if (retention == null) {
            answeredBeforeVersion.computeIfAbsent(new VersionKey(answer.deckId(), answer.deckVersion()),
                    k -> new HashSet<>()).add(key);
        }
        newAnswers.accept(answer);
    }

    private Double desiredRetention(UUID deckId, int version) {
        DeckPublished deck = versions.get(new VersionKey(deckId, version));
        return deck == null ? null : deck.settings().desiredRetention();
    }

    /**
     * The answers kept of {@code key} ({@code tracked}, null before its first) as reviews, with {@code arriving}
     * (not yet kept) when it is not null.
     */
    private List<Review> history(LearnerItemKey key, Tracked tracked, Answered arriving) {
        List<Answered> kept = tracked == null ? List.of() : tracked.answers;
        List<Review> reviews = new ArrayList<>(kept.size() + 1);
        for (Answered answer : kept) {
            reviews.add(answer.review(desiredRetention(key.deckId(), answer.deckVersion())));
        }
        if (arriving != null) {
            reviews.add(arriving.review(desiredRetention(key.deckId(), arriving.deckVersion())));
        }
        return reviews;
    }
}
