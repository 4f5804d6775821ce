package dev.recall.progress.projection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.progress.ItemScheduled;
import dev.recall.contracts.progress.MasteryChanged;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import dev.recall.progress.scheduling.Review;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Answers through the real broker move each learner's FSRS schedule, which is announced on recall.progress-events. */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class ScheduleProjectionTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Inject
    DataSource dataSource;

    final Fsrs fsrs = new Fsrs();

    static EventEnvelope answer(String learnerId, UUID deckId, Item item, UUID answerId, Instant at, boolean correct,
            double score, String rating) {
        EventEnvelope event = EventEnvelope.of(EventTypes.ANSWER_RECORDED, "quiz-service", learnerId, at, null,
                new AnswerRecorded(answerId, UUID.randomUUID(), learnerId, deckId, 1, item.id(), item.kind(),
                        item.level(), correct, score, rating, null, null, null, null, at, 3000L));
        EventSchemas.requireValid(event);
        return event;
    }

    /** The stored schedule, or empty until {@code reps} reviews are in it. */
    Optional<Card> schedule(String learnerId, UUID deckId, UUID itemId, int reps) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT fsrs_state, stability, difficulty, "
                        + "due, last_review, scheduled_days, elapsed_days, learning_steps, reps, lapses "
                        + "FROM learner_items WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null || rs.getInt(9) < reps) {
                    return Optional.empty();
                }
                return Optional.of(LearnerItemRows.card(rs, 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Card awaitSchedule(String learnerId, UUID deckId, UUID itemId, int reps) {
        return await().atMost(ProgressProjectionTest.PATIENCE)
                .until(() -> schedule(learnerId, deckId, itemId, reps), Optional::isPresent).orElseThrow();
    }

    @Test
    void eachAnswerMovesTheScheduleAndIsAnnouncedAsItemScheduledKeyedByLearner() {
        ProgressProjectionTest.TestDeck deck = ProgressProjectionTest.TestDeck.create();
        String learner = ProgressProjectionTest.newLearner();
        Item card = deck.card();
        // First GOOD at T0 (learning step 10m), GOOD at its due time (graduates to 2 days), then the MCQ half right.
        List<EventEnvelope> answers = List.of(
                answer(learner, deck.id(), card, UUID.randomUUID(), T0, true, 1.0, "GOOD"),
                answer(learner, deck.id(), card, UUID.randomUUID(), T0.plusSeconds(600), true, 1.0, "GOOD"),
                answer(learner, deck.id(), deck.mcq(), UUID.randomUUID(), T0.plusSeconds(700), false, 0.5, null));
        answers.forEach(ProgressProjectionTest::sendAnswer);

        Card expected = fsrs.review(fsrs.review(Card.unseen(T0), T0, Rating.GOOD), T0.plusSeconds(600), Rating.GOOD);
        assertEquals(expected, awaitSchedule(learner, deck.id(), card.id(), 2));
        assertEquals(2, expected.scheduledDays());

        List<ConsumerRecord<String, String>> announced = TopicReader.awaitRecords(Topics.PROGRESS_EVENTS,
                record -> learner.equals(record.key()), 3, ProgressProjectionTest.PATIENCE);
        List<ItemScheduled> data = new ArrayList<>();
        for (ConsumerRecord<String, String> record : announced) {
            EventEnvelope event = EventSchemas.parse(record.value());
            assertEquals(EventTypes.ITEM_SCHEDULED, event.type());
            assertEquals(learner, event.subject());
            data.add(event.dataAs(ItemScheduled.class));
        }
        ItemScheduled second = data.get(1);
        assertEquals(answers.get(1).data().get("answerId").asText(), second.answerId().toString());
        assertEquals(expected.due(), second.due());
        assertEquals(expected.stability(), second.stability());
        assertEquals(expected.difficulty(), second.difficulty());
        assertEquals("REVIEW", second.state());
        assertEquals("GOOD", second.rating());
        assertEquals(T0.plusSeconds(600), second.reviewedAt());
        assertEquals(2, second.scheduledDays());
        assertEquals(2, second.reps());
        ItemScheduled mcq = data.get(2);
        assertEquals(deck.mcq().id(), mcq.itemId());
        assertEquals("HARD", mcq.rating(), "half right counts as HARD");
        assertEquals("LEARNING", mcq.state());
        assertEquals(T0.plusSeconds(700 + 6 * 60), mcq.due(), "HARD on a new item: the 6-minute step");
    }

    @Test
    void anOlderAnswerArrivingLateIsTheAnswerIdOfTheScheduleItChanged() {
        ProgressProjectionTest.TestDeck deck = ProgressProjectionTest.TestDeck.create();
        String learner = ProgressProjectionTest.newLearner();
        Item card = deck.card();
        UUID later = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        ProgressProjectionTest.sendAnswer(answer(learner, deck.id(), card, later, T0.plusSeconds(600), true, 1.0,
                "GOOD"));
        awaitSchedule(learner, deck.id(), card.id(), 1);
        ProgressProjectionTest.sendAnswer(answer(learner, deck.id(), card, earlier, T0, false, 0.0, "AGAIN"));

        Card expected = fsrs.replay(List.of(new Review(earlier, T0, Rating.AGAIN),
                new Review(later, T0.plusSeconds(600), Rating.GOOD)));
        assertEquals(expected, awaitSchedule(learner, deck.id(), card.id(), 2));
        List<ItemScheduled> data = TopicReader.awaitRecords(Topics.PROGRESS_EVENTS,
                record -> learner.equals(record.key()) && record.value().contains(EventTypes.ITEM_SCHEDULED), 2,
                ProgressProjectionTest.PATIENCE).stream()
                .map(record -> EventSchemas.parse(record.value()).dataAs(ItemScheduled.class)).toList();
        assertEquals(List.of(later, earlier), data.stream().map(ItemScheduled::answerId).toList());
        ItemScheduled replayed = data.get(1);
        assertEquals(T0.plusSeconds(600), replayed.reviewedAt(), "the latest review the schedule includes");
        assertEquals("GOOD", replayed.rating());
        assertEquals(expected.due(), replayed.due());
        assertEquals(expected.lapses(), replayed.lapses());
    }

    @Test
    void answersArrivingOutOfOrderOrTwiceGiveTheScheduleOfTheInOrderStream() {
        ProgressProjectionTest.TestDeck deck = ProgressProjectionTest.TestDeck.create();
        Item card = deck.card();
        String[] ratings = {"GOOD", "GOOD", "AGAIN", "HARD", "GOOD", "EASY", "AGAIN", "GOOD"};
        long[] minutes = {0, 10, 3 * 1440, 3 * 1440 + 10, 3 * 1440 + 30, 7 * 1440, 30 * 1440, 30 * 1440 + 10};
        String inOrder = ProgressProjectionTest.newLearner();
        String shuffled = ProgressProjectionTest.newLearner();
        List<EventEnvelope> forInOrder = new ArrayList<>();
        List<EventEnvelope> forShuffled = new ArrayList<>();
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < ratings.length; i++) {
            Instant at = T0.plusSeconds(60 * minutes[i]);
            boolean correct = !"AGAIN".equals(ratings[i]);
            forInOrder.add(answer(inOrder, deck.id(), card, UUID.randomUUID(), at, correct, correct ? 1 : 0,
                    ratings[i]));
            UUID answerId = UUID.randomUUID();
            forShuffled.add(answer(shuffled, deck.id(), card, answerId, at, correct, correct ? 1 : 0, ratings[i]));
            reviews.add(new Review(answerId, at, Rating.valueOf(ratings[i])));
        }
        List<EventEnvelope> arrival = new ArrayList<>(forShuffled);
        Collections.shuffle(arrival, new Random(5));
        arrival.add(3, arrival.get(0)); // the same event delivered twice
        EventEnvelope reEmitted = arrival.get(1); // the same answer under another event id
        arrival.add(new EventEnvelope(UUID.randomUUID(), reEmitted.type(), reEmitted.source(), reEmitted.subject(),
                reEmitted.time(), 1, null, reEmitted.data()));

        forInOrder.forEach(ProgressProjectionTest::sendAnswer);
        arrival.forEach(ProgressProjectionTest::sendAnswer);

        Card expected = fsrs.replay(reviews);
        assertEquals(expected, awaitSchedule(inOrder, deck.id(), card.id(), ratings.length));
        Card fromShuffled = awaitSchedule(shuffled, deck.id(), card.id(), ratings.length);
        assertEquals(expected, fromShuffled);
        assertEquals(2, fromShuffled.lapses());
        assertEquals(ratings.length, attemptsOf(shuffled, deck.id(), card.id()), "duplicates are not counted");
    }

    @Test
    void answersThatChangeTheItemsSeenOrMasteredAreAnnouncedAsMasteryChanged() {
        ProgressProjectionTest.TestDeck deck = ProgressProjectionTest.TestDeck.create();
        String learner = ProgressProjectionTest.newLearner();
        ProgressProjectionTest.sendDeck(ProgressProjectionTest.published(deck.id(), 1, ProgressProjectionTest.HASH_V1,
                deck.items()));
        ProgressProjectionTest.awaitMastery(learner, deck.id(), response -> response.body("itemsTotal",
                org.hamcrest.Matchers.equalTo(3)));
        Instant day8 = T0.plus(java.time.Duration.ofDays(8));
        // EASY, then EASY at its due time 8 days on: stability 65.6 days, mastered. The MCQ answer in between
        // is a first answer; a second MCQ answer changes neither count and is not announced.
        List.of(answer(learner, deck.id(), deck.card(), UUID.randomUUID(), T0, true, 1.0, "EASY"),
                answer(learner, deck.id(), deck.mcq(), UUID.randomUUID(), T0.plusSeconds(60), false, 0.0, null),
                answer(learner, deck.id(), deck.mcq(), UUID.randomUUID(), T0.plusSeconds(120), true, 1.0, null),
                answer(learner, deck.id(), deck.card(), UUID.randomUUID(), day8, true, 1.0, "EASY"))
                .forEach(ProgressProjectionTest::sendAnswer);

        List<MasteryChanged> changes = TopicReader.awaitRecords(Topics.PROGRESS_EVENTS,
                record -> learner.equals(record.key()) && record.value().contains(EventTypes.MASTERY_CHANGED), 3,
                ProgressProjectionTest.PATIENCE).stream()
                .map(record -> EventSchemas.parse(record.value()).dataAs(MasteryChanged.class)).toList();
        assertEquals(List.of(1, 2, 2), changes.stream().map(MasteryChanged::itemsSeen).toList());
        assertEquals(List.of(0, 0, 1), changes.stream().map(MasteryChanged::itemsMastered).toList());
        assertEquals(List.of(1.0, 0.5, 3.0 / 4.0), changes.stream().map(MasteryChanged::accuracy).toList());
        assertEquals(List.of(T0, T0.plusSeconds(60), day8), changes.stream().map(MasteryChanged::changedAt).toList());
        MasteryChanged mastered = changes.get(2);
        assertEquals(deck.id(), mastered.deckId());
        assertEquals(1, mastered.deckVersion());
        assertEquals(3, mastered.itemsTotal());
        assertEquals(deck.card().id(), mastered.itemId());
    }

    int attemptsOf(String learnerId, UUID deckId, UUID itemId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT attempts FROM learner_items WHERE learner_id = ? AND deck_id = ? AND item_id = ?")) {
            select.setString(1, learnerId);
            select.setObject(2, deckId);
            select.setObject(3, itemId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
