package dev.recall.progress.fold;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Review;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * A learner x item's latest state, and what its history keeps of each answer: enough to replay its review at its
     * version's retention, packed into four longs (a million answers are kept through a rebuild's bulk: as longs they
     * are no objects for the garbage collector to copy, and storing them marks no cards).
     */
    private static final class Tracked {
        LearnerItemState state;
        /** Per answer: the id's two halves, answeredAt's epoch second, and its nanos | rating << 30 | version << 32. */
        private long[] answers = new long[2 * 4];
        private int count;

        void add(AnswerRecorded answer) {
            if (4 * (count + 1) > answers.length) {
                answers = Arrays.copyOf(answers, answers.length * 2);
            }
            Instant at = LearnerItemState.answeredAt(answer);
            int i = 4 * count++;
            answers[i] = answer.answerId().getMostSignificantBits();
            answers[i + 1] = answer.answerId().getLeastSignificantBits();
            answers[i + 2] = at.getEpochSecond();
            answers[i + 3] = at.getNano() | (long) LearnerItemState.rating(answer).ordinal() << 30
                    | (long) answer.deckVersion() << 32;
        }

        int size() {
            return count;
        }

        int deckVersion(int answer) {
            return (int) (answers[4 * answer + 3] >>> 32);
        }

        Review review(int answer, Double desiredRetention) {
            int i = 4 * answer;
            long packed = answers[i + 3];
            return new Review(new UUID(answers[i], answers[i + 1]), Instant.ofEpochSecond(answers[i + 2],
                    packed & ((1 << 30) - 1)), LearnerItemState.RATINGS[(int) (packed >>> 30) & 3], desiredRetention);
        }
    }

    record VersionKey(UUID deckId, int version) {
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
            tracked.state = tracked.state.rescheduled(fsrs, history(learnerItem, tracked, null, null));
        }
    }

    private void answerRecorded(AnswerRecorded answer) {
        if (answerIds.contains(answer.answerId())) {
            return; // the same answer re-emitted under another event id
        }
        LearnerItemKey key = new LearnerItemKey(answer.learnerId(), answer.deckId(), answer.itemId());
        Double retention = desiredRetention(answer.deckId(), answer.deckVersion());
        Tracked known = learnerItems.get(key);
        LearnerItemState next = LearnerItemState.fold(known == null ? null : known.state, answer, retention, fsrs,
                () -> history(key, known, answer, retention));
        // Kept only once its state is known: an answer the fold refuses leaves no trace, as in the database.
        answerIds.add(answer.answerId());
        Tracked tracked = known;
        if (tracked == null) {
            tracked = new Tracked();
            learnerItems.put(key, tracked);
        }
        tracked.add(answer);
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
     * (not yet kept, at {@code arrivingRetention}) when it is not null.
     */
    private List<Review> history(LearnerItemKey key, Tracked tracked, AnswerRecorded arriving,
            Double arrivingRetention) {
        int kept = tracked == null ? 0 : tracked.size();
        List<Review> reviews = new ArrayList<>(kept + 1);
        for (int i = 0; i < kept; i++) {
            reviews.add(tracked.review(i, desiredRetention(key.deckId(), tracked.deckVersion(i))));
        }
        if (arriving != null) {
            reviews.add(LearnerItemState.review(arriving, arrivingRetention));
        }
        return reviews;
    }
}
