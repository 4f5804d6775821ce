package dev.recall.progress.fold;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Review;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
    private final Set<UUID> processedEvents = new HashSet<>();
    private final Map<VersionKey, DeckPublished> versions = new HashMap<>();
    private final Map<UUID, Integer> latestVersions = new HashMap<>();
    private final Map<UUID, AnswerRecorded> answers = new HashMap<>();
    private final Map<LearnerItemKey, List<AnswerRecorded>> answersByItem = new HashMap<>();
    private final Map<VersionKey, Set<LearnerItemKey>> answeredOnVersion = new HashMap<>();
    private final Map<LearnerItemKey, LearnerItemState> learnerItems = new LinkedHashMap<>();

    record VersionKey(UUID deckId, int version) {
    }

    public record LearnerItemKey(String learnerId, UUID deckId, UUID itemId) {
    }

    /** Everything the projection holds, as values: equal states are equal projections. */
    public record State(Map<UUID, Integer> latestVersions, Set<DeckPublished> versions, Map<UUID, AnswerRecorded> answers,
            Map<LearnerItemKey, LearnerItemState> learnerItems) {
    }

    public ProgressFold(Fsrs fsrs) {
        this.fsrs = fsrs;
    }

    /**
     * Applies one event; false when its id was applied before. An event the projection refuses (a
     * published version re-announced with other content) throws and changes nothing.
     */
    public boolean apply(EventEnvelope event) {
        if (processedEvents.contains(event.id())) {
            return false;
        }
        if (EventTypes.DECK_PUBLISHED.equals(event.type())) {
            deckPublished(event.dataAs(DeckPublished.class).withDefaultSettingsIfNone());
        } else if (EventTypes.ANSWER_RECORDED.equals(event.type())) {
            answerRecorded(event.dataAs(AnswerRecorded.class));
        }
        processedEvents.add(event.id());
        return true;
    }

    public void applyAll(List<EventEnvelope> events) {
        events.forEach(this::apply);
    }

    public State state() {
        return new State(Map.copyOf(latestVersions), Set.copyOf(versions.values()), Map.copyOf(answers),
                Map.copyOf(learnerItems));
    }

    /** Every published version, as it arrived. */
    public Collection<DeckPublished> deckVersions() {
        return versions.values();
    }

    /** Every answer, once. */
    public Collection<AnswerRecorded> answers() {
        return answers.values();
    }

    public Collection<LearnerItemState> learnerItems() {
        return learnerItems.values();
    }

    public LearnerItemState learnerItem(String learnerId, UUID deckId, UUID itemId) {
        return learnerItems.get(new LearnerItemKey(learnerId, deckId, itemId));
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
        if (deck.settings().desiredRetention() == fsrs.parameters().desiredRetention()) {
            return;
        }
        for (LearnerItemKey learnerItem : answeredOnVersion.getOrDefault(key, Set.of())) {
            learnerItems.put(learnerItem, learnerItems.get(learnerItem).rescheduled(fsrs, history(learnerItem)));
        }
    }

    private void answerRecorded(AnswerRecorded answer) {
        if (answers.putIfAbsent(answer.answerId(), answer) != null) {
            return; // the same answer re-emitted under another event id
        }
        LearnerItemKey key = new LearnerItemKey(answer.learnerId(), answer.deckId(), answer.itemId());
        answersByItem.computeIfAbsent(key, k -> new ArrayList<>(2)).add(answer);
        answeredOnVersion.computeIfAbsent(new VersionKey(answer.deckId(), answer.deckVersion()), k -> new HashSet<>())
                .add(key);
        learnerItems.put(key, LearnerItemState.fold(learnerItems.get(key), answer,
                desiredRetention(answer.deckId(), answer.deckVersion()), fsrs, () -> history(key)));
    }

    private Double desiredRetention(UUID deckId, int version) {
        DeckPublished deck = versions.get(new VersionKey(deckId, version));
        return deck == null ? null : deck.settings().desiredRetention();
    }

    private List<Review> history(LearnerItemKey key) {
        return answersByItem.get(key).stream()
                .map(answer -> LearnerItemState.review(answer, desiredRetention(answer.deckId(),
                        answer.deckVersion())))
                .toList();
    }
}
