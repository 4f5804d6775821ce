package dev.recall.progress.fold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.DeckSettings;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Review;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The projection's fold on plain values: the same events applied once, with duplicates (redelivered
 * event ids and answers re-emitted under new event ids), and interleaved differently across learners
 * (each learner's own order kept, deck events anywhere, so answers often arrive before their deck)
 * give equal state; and that state is what the events say, checked against an independent count and
 * an FSRS replay per learner x item.
 */
public class ProgressFoldTest {
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    static final Fsrs FSRS = new Fsrs();

    /** Two decks, one republished with another desired retention, and what eight learners answered. */
    public record Stream(List<EventEnvelope> decks, Map<String, List<EventEnvelope>> answersByLearner) {
        public List<EventEnvelope> decksFirst() {
            List<EventEnvelope> events = new ArrayList<>(decks);
            answersByLearner.values().stream().flatMap(List::stream)
                    .sorted(Comparator.comparing((EventEnvelope e) -> e.time()).thenComparing(e -> e.id().toString()))
                    .forEach(events::add);
            return events;
        }

        public List<AnswerRecorded> answers() {
            return answersByLearner.values().stream().flatMap(List::stream)
                    .map(event -> event.dataAs(AnswerRecorded.class)).toList();
        }
    }

    static Stream stream(long seed) {
        return stream(seed, 1);
    }

    /** {@code salt} goes into every id, so that streams of different salts share no deck, item or learner. */
    public static Stream stream(long seed, long salt) {
        Random random = new Random(seed);
        UUID deckA = new UUID(0xA, salt);
        UUID deckB = new UUID(0xB, salt);
        List<Item> itemsA = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            itemsA.add(Item.flashcard(new UUID(0xA00 + i, salt), Level.BEGINNER, "front " + i, "back " + i));
        }
        itemsA.add(Item.multipleChoice(new UUID(0xA10, salt), Level.INTERMEDIATE, "Which?",
                List.of(new Option("a", "right", true, null, null), new Option("b", "wrong", false, null, null)),
                null));
        itemsA.add(Item.freeResponse(new UUID(0xA20, salt), Level.ADVANCED, "Explain.", null,
                List.of("one", "two", "three"), "One, two, three."));
        List<Item> itemsB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            itemsB.add(Item.trueFalse(new UUID(0xB00 + i, salt), Level.BEGINNER, "Statement " + i, i % 2 == 0));
        }
        List<EventEnvelope> decks = List.of(
                published(deckA, 1, itemsA, 0.9, T0),
                published(deckB, 1, itemsB, 0.8, T0),
                published(deckA, 2, itemsA, 0.95, T0.plus(Duration.ofDays(10))));

        Map<String, List<EventEnvelope>> byLearner = new LinkedHashMap<>();
        for (int l = 0; l < 8; l++) {
            String learner = "learner-" + salt + "-" + l;
            Instant at = T0.plus(Duration.ofMinutes(random.nextInt(600)));
            List<EventEnvelope> answers = new ArrayList<>();
            for (int n = 0; n < 45; n++) {
                at = at.plus(Duration.ofMinutes(random.nextInt(5) == 0 ? 1 + random.nextInt(3 * 1440) : 1
                        + random.nextInt(30)));
                boolean onA = random.nextInt(3) > 0;
                Item item = onA ? itemsA.get(random.nextInt(itemsA.size())) : itemsB.get(random.nextInt(itemsB.size()));
                int version = onA && at.isAfter(T0.plus(Duration.ofDays(10))) ? 2 : 1;
                answers.add(answer(random, learner, onA ? deckA : deckB, version, item, at));
            }
            byLearner.put(learner, answers);
        }
        return new Stream(decks, byLearner);
    }

    static EventEnvelope published(UUID deckId, int version, List<Item> items, double retention, Instant at) {
        DeckPublished deck = new DeckPublished(deckId, version, "sha256:" + "ab".repeat(32), "Deck", null, List.of(),
                items, at, new DeckSettings(retention));
        return EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service", deckId.toString(), at, (long) version, deck);
    }

    static EventEnvelope answer(Random random, String learner, UUID deckId, int version, Item item, Instant at) {
        UUID session = new UUID(learner.hashCode(), version);
        AnswerRecorded answer;
        if (item.kind() == ItemKind.FLASHCARD) {
            String rating = List.of("AGAIN", "HARD", "GOOD", "GOOD", "EASY").get(random.nextInt(5));
            answer = new AnswerRecorded(new UUID(random.nextLong(), random.nextLong()), session, learner, deckId,
                    version, item.id(), item.kind(), item.level(), !rating.equals("AGAIN"),
                    rating.equals("AGAIN") ? 0 : 1, rating, null, null, null, null, at, 4000L);
        } else if (item.kind() == ItemKind.FREE_RESPONSE) {
            int hit = random.nextInt(4);
            List<String> covered = List.of("one", "two", "three").subList(0, hit);
            answer = new AnswerRecorded(new UUID(random.nextLong(), random.nextLong()), session, learner, deckId,
                    version, item.id(), item.kind(), item.level(), hit == 3, hit / 3.0, null, null, covered, hit, 3, at,
                    30000L);
        } else {
            boolean correct = random.nextBoolean();
            List<String> selected = item.kind() == ItemKind.TRUE_FALSE ? List.of(String.valueOf(correct == item.answer()))
                    : List.of(correct ? "a" : "b");
            answer = new AnswerRecorded(new UUID(random.nextLong(), random.nextLong()), session, learner, deckId,
                    version, item.id(), item.kind(), item.level(), correct, correct ? 1 : 0, null, selected, null, null,
                    null, at, 2500L);
        }
        return EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", session.toString(), at, null, answer);
    }

    /** Each learner's answers in their order, learners interleaved at random, deck events anywhere. */
    public static List<EventEnvelope> interleaved(Stream stream, Random random) {
        List<List<EventEnvelope>> queues = new ArrayList<>();
        stream.answersByLearner().values().forEach(answers -> queues.add(new ArrayList<>(answers)));
        List<EventEnvelope> events = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<EventEnvelope> queue = queues.get(random.nextInt(queues.size()));
            events.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
        }
        for (EventEnvelope deck : stream.decks()) {
            events.add(random.nextInt(events.size() + 1), deck);
        }
        return events;
    }

    /** Every event redelivered once more at a later point, and a third of the answers re-emitted under new ids. */
    public static List<EventEnvelope> withDuplicates(List<EventEnvelope> events, Random random) {
        List<EventEnvelope> result = new ArrayList<>(events);
        for (EventEnvelope event : events) {
            int from = result.indexOf(event) + 1;
            result.add(from + random.nextInt(result.size() - from + 1), event);
            if (event.type().equals(EventTypes.ANSWER_RECORDED) && random.nextInt(3) == 0) {
                EventEnvelope again = new EventEnvelope(UUID.randomUUID(), event.type(), event.source(),
                        event.subject(), event.time(), event.schemaVersion(), event.sequence(), event.data());
                int later = result.lastIndexOf(event) + 1;
                result.add(later + random.nextInt(result.size() - later + 1), again);
            }
        }
        return result;
    }

    static ProgressFold.State fold(List<EventEnvelope> events) {
        ProgressFold fold = new ProgressFold(FSRS);
        fold.applyAll(events);
        return fold.state();
    }

    @Test
    void onceWithDuplicatesAndInterleavedAcrossLearnersTheStateIsTheSame() {
        Stream stream = stream(42);
        ProgressFold.State once = fold(stream.decksFirst());
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<EventEnvelope> interleaved = interleaved(stream, random);
            assertSameState(once, fold(interleaved), "interleaving " + seed);
            assertSameState(once, fold(withDuplicates(interleaved, random)), "interleaving " + seed
                    + " with duplicates");
        }
        assertSameState(once, fold(withDuplicates(stream.decksFirst(), new Random(7))), "with duplicates");
    }

    /** assertEquals, naming the first learner x item that differs rather than printing both states whole. */
    static void assertSameState(ProgressFold.State expected, ProgressFold.State actual, String label) {
        expected.learnerItems().forEach((key, item) -> assertEquals(item, actual.learnerItems().get(key), label));
        assertEquals(expected, actual, label);
    }

    @Test
    void aLateAnswerAndALateDeckReplayTheKeptHistoryToTheMicrosecond() {
        UUID deck = new UUID(0xC, 1);
        List<Item> items = List.of(Item.flashcard(new UUID(0xC00, 1), Level.BEGINNER, "front", "back"));
        EventEnvelope published = published(deck, 1, items, 0.8, T0);
        Random random = new Random(5);
        List<EventEnvelope> answers = new ArrayList<>();
        Instant at = T0;
        for (int n = 0; n < 6; n++) {
            at = at.plus(Duration.ofHours(20)).plusNanos(1_000L * random.nextInt(1_000_000));
            answers.add(answer(random, "learner-late", deck, 1, items.get(0), at));
        }
        List<EventEnvelope> inOrder = new ArrayList<>(List.of(published));
        inOrder.addAll(answers);
        List<EventEnvelope> lateAnswer = new ArrayList<>(inOrder);
        lateAnswer.add(lateAnswer.remove(4)); // the fourth answer after the sixth: the kept five are replayed
        List<EventEnvelope> lateDeck = new ArrayList<>(answers);
        lateDeck.add(published); // its retention, 0.8, reschedules the kept six
        ProgressFold.State expected = fold(inOrder);
        assertSameState(expected, fold(lateAnswer), "an answer arriving late");
        assertSameState(expected, fold(lateDeck), "the deck arriving last");
    }

    @Test
    void theInterleavingsReallyDeliverAnswersBeforeTheirDeck() {
        Stream stream = stream(42);
        int answersBeforeDeck = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<EventEnvelope> events = interleaved(stream, new Random(seed));
            int lastDeck = 0;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).type().equals(EventTypes.DECK_PUBLISHED)) {
                    lastDeck = i;
                }
            }
            answersBeforeDeck += lastDeck;
            assertEquals(stream.decks().size() + stream.answers().size(), events.size());
        }
        assertTrue(answersBeforeDeck > 20 * 50, "the last deck event came after " + answersBeforeDeck
                + " events in 20 interleavings");
    }

    @Test
    void theStateCountsEveryAnswerOnceAndSchedulesItFromItsHistory() {
        Stream stream = stream(42);
        List<AnswerRecorded> answers = stream.answers();
        ProgressFold fold = new ProgressFold(FSRS);
        fold.applyAll(withDuplicates(interleaved(stream, new Random(3)), new Random(3)));
        ProgressFold.State state = fold.state();

        assertEquals(360, answers.size());
        assertEquals(answers.size(), state.answers().size());
        assertEquals(answers.size(), state.learnerItems().values().stream().mapToInt(LearnerItemState::attempts).sum());
        Map<ProgressFold.LearnerItemKey, List<AnswerRecorded>> byItem = answers.stream().collect(Collectors.groupingBy(
                a -> new ProgressFold.LearnerItemKey(a.learnerId(), a.deckId(), a.itemId())));
        assertEquals(byItem.keySet(), state.learnerItems().keySet());
        Map<UUID, Double> retention = Map.of(new UUID(0xB, 1), 0.8);
        byItem.forEach((key, itemAnswers) -> {
            LearnerItemState item = state.learnerItems().get(key);
            AnswerRecorded last = itemAnswers.stream().max(Comparator.comparing(AnswerRecorded::answeredAt)).orElseThrow();
            assertEquals(itemAnswers.size(), item.attempts(), key.toString());
            assertEquals(itemAnswers.stream().filter(AnswerRecorded::correct).count(), item.correct(), key.toString());
            assertEquals(last.answeredAt(), item.lastAnsweredAt());
            assertEquals(last.rating(), item.lastRating());
            assertEquals(last.conceptsHit(), item.lastConceptsHit());
            // Deck A asks 0.9 for version 1 and 0.95 for version 2; deck B 0.8.
            Card replayed = FSRS.replay(itemAnswers.stream().map(a -> new Review(a.answerId(), a.answeredAt(),
                    LearnerItemState.rating(a), retention.getOrDefault(a.deckId(), a.deckVersion() == 2 ? 0.95 : 0.9)))
                    .toList());
            assertEquals(replayed, item.schedule(), key.toString());
        });
    }

    @Test
    void aDeckThatArrivesAfterItsAnswersReschedulesThemAtItsDesiredRetention() {
        UUID deckId = new UUID(0xC, 1);
        Item card = Item.flashcard(new UUID(0xC, 100), Level.BEGINNER, "front", "back");
        EventEnvelope deck = published(deckId, 1, List.of(card), 0.8, T0);
        List<EventEnvelope> answers = new ArrayList<>();
        Random random = new Random(1);
        Instant at = T0;
        for (String rating : List.of("GOOD", "GOOD", "GOOD", "HARD")) {
            at = at.plus(Duration.ofDays(3));
            EventEnvelope answer = answer(random, "ada", deckId, 1, card, at);
            AnswerRecorded data = answer.dataAs(AnswerRecorded.class);
            answers.add(EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", answer.subject(), at, null,
                    new AnswerRecorded(data.answerId(), data.sessionId(), "ada", deckId, 1, card.id(), card.kind(),
                            card.level(), true, 1, rating, null, null, null, null, at, 4000L)));
        }
        List<EventEnvelope> deckFirst = new ArrayList<>(List.of(deck));
        deckFirst.addAll(answers);
        List<EventEnvelope> deckLast = new ArrayList<>(answers);
        deckLast.add(deck);

        ProgressFold first = new ProgressFold(FSRS);
        first.applyAll(deckFirst);
        ProgressFold last = new ProgressFold(FSRS);
        last.applyAll(answers);
        Card atDefault = last.learnerItem("ada", deckId, card.id()).schedule();
        last.apply(deck);

        assertEquals(first.state(), last.state());
        Card atDeckRetention = last.learnerItem("ada", deckId, card.id()).schedule();
        // A lower desired retention lets the item wait longer; the memory state itself does not change.
        assertTrue(atDeckRetention.scheduledDays() > atDefault.scheduledDays(),
                atDeckRetention.scheduledDays() + " days at 0.8, " + atDefault.scheduledDays() + " at 0.9");
        assertEquals(atDefault.stability(), atDeckRetention.stability());
        assertNotEquals(atDefault.due(), atDeckRetention.due());
    }

    @Test
    void aVersionRepublishedWithOtherContentIsRefusedAndChangesNothing() {
        Stream stream = stream(42);
        ProgressFold fold = new ProgressFold(FSRS);
        fold.applyAll(stream.decksFirst());
        ProgressFold.State before = fold.state();
        DeckPublished original = stream.decks().get(0).dataAs(DeckPublished.class);
        DeckPublished changed = new DeckPublished(original.deckId(), 1, "sha256:" + "cd".repeat(32), "Deck", null,
                List.of(), original.items(), original.publishedAt());
        EventEnvelope conflicting = EventEnvelope.of(EventTypes.DECK_PUBLISHED, "deck-service",
                original.deckId().toString(), T0, 1L, changed);
        assertThrows(IllegalArgumentException.class, () -> fold.apply(conflicting));
        assertEquals(before, fold.state());
        assertFalse(fold.apply(stream.decks().get(0)), "an event id applied before");
    }

    @Test
    void anAnswerTheFoldRefusesLeavesNoTraceAndItsIdStaysFree() {
        Stream stream = stream(42);
        List<AnswerRecorded> handedOn = new ArrayList<>();
        ProgressFold fold = new ProgressFold(FSRS, handedOn::add);
        fold.applyAll(stream.decks());
        ProgressFold.State before = fold.state();
        AnswerRecorded valid = stream.answers().stream().filter(a -> a.kind() == ItemKind.FLASHCARD).findFirst()
                .orElseThrow();
        AnswerRecorded unratable = new AnswerRecorded(valid.answerId(), valid.sessionId(), valid.learnerId(),
                valid.deckId(), valid.deckVersion(), valid.itemId(), valid.kind(), valid.level(), true, 1, "SOMETIMES",
                null, null, null, null, valid.answeredAt(), 4000L);
        assertThrows(IllegalArgumentException.class, () -> fold.apply(EventEnvelope.of(EventTypes.ANSWER_RECORDED,
                "quiz-service", valid.learnerId(), T0, null, unratable)));
        assertEquals(before, fold.state());
        assertEquals(List.of(), handedOn);
        // The same answer id, readable this time under another event id, is the answer's first arrival.
        assertTrue(fold.apply(EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", valid.learnerId(), T0, null,
                valid)));
        assertEquals(List.of(valid), handedOn);
        assertEquals(1, fold.learnerItem(valid.learnerId(), valid.deckId(), valid.itemId()).attempts());
    }
}
