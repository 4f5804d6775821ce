package dev.recall.progress.projection;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.EventSchemas;
import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.progress.projection.ProgressProjectionTest.TestDeck;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** POST /admin/rebuild replays both topics into fresh tables and lands on the same state as live processing. */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_progress"))
class RebuildTest {
    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

    @Inject
    DataSource dataSource;

    private boolean schemaExists(String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
            select.setString(1, schema);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static String stateHash() {
        return given().when().get("/admin/projection").then().statusCode(200).extract().path("stateHash");
    }

    /** The hash once the consumer has nothing left to apply: the same twice in a row. */
    static String settledStateHash() {
        AtomicReference<String> last = new AtomicReference<>("");
        await().atMost(ProgressProjectionTest.PATIENCE).pollInterval(Duration.ofMillis(700))
                .until(() -> last.getAndSet(stateHash()).equals(last.get()));
        return last.get();
    }

    /** The id of the ItemScheduled an answer causes (derived from its answer id). */
    static UUID scheduledId(EventEnvelope answer) {
        return ProgressProjector.itemScheduledId(answer.data().get("answerId").asText());
    }

    @Test
    void aRebuildFromOffsetZeroGivesTheSameStateHashAndTheProjectionStaysLive() throws SQLException {
        TestDeck deck = TestDeck.create();
        String learner = ProgressProjectionTest.newLearner();
        ProgressProjectionTest.sendDeck(ProgressProjectionTest.published(deck.id(), 1, ProgressProjectionTest.HASH_V1,
                deck.items()));
        // Out of order on purpose: the later answer first, so the live fold replays the item's history.
        List<EventEnvelope> answers = List.of(
                ScheduleProjectionTest.answer(learner, deck.id(), deck.card(), UUID.randomUUID(), T0.plusSeconds(600),
                        true, 1, "GOOD"),
                ScheduleProjectionTest.answer(learner, deck.id(), deck.card(), UUID.randomUUID(), T0, false, 0,
                        "AGAIN"),
                ScheduleProjectionTest.answer(learner, deck.id(), deck.mcq(), UUID.randomUUID(), T0.plusSeconds(60),
                        false, 0, null));
        answers.forEach(ProgressProjectionTest::sendAnswer);
        ProgressProjectionTest.awaitMastery(learner, deck.id(), response -> response.body("itemsSeen", equalTo(2)));
        String live = settledStateHash();
        assertTrue(live.startsWith("sha256:"), live);

        given().when().post("/admin/rebuild").then().statusCode(202).body("state", equalTo("PREPARING"))
                .body("consumerGroup", startsWith("progress-service-rebuild-"));
        given().when().post("/admin/rebuild").then().statusCode(409).contentType("application/problem+json");
        // Reads keep being served from the current tables meanwhile.
        ProgressProjectionTest.mastery(learner, deck.id()).statusCode(200).body("itemsSeen", equalTo(2));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .when().get("/admin/projection").then().statusCode(200).body("rebuild.state", equalTo("DONE")));
        given().when().get("/admin/projection").then().statusCode(200)
                .body("status", equalTo("LIVE"))
                .body("stateHash", equalTo(live));
        // The replaced tables, set aside by the switch, are dropped before the rebuild says DONE.
        assertFalse(schemaExists(ProjectionRebuild.RETIRED));

        // The live consumer runs on the rebuilt tables: an answer the bulk folded (it keeps no event ids of
        // answers) delivered once more changes nothing; a new answer is applied and announced.
        EventEnvelope again = answers.get(0);
        ProgressProjectionTest.sendAnswer(again);
        EventEnvelope after = ScheduleProjectionTest.answer(learner, deck.id(), deck.mcq(), UUID.randomUUID(),
                T0.plusSeconds(120), true, 1, null);
        ProgressProjectionTest.sendAnswer(after);
        ProgressProjectionTest.awaitMastery(learner, deck.id(), response -> response
                .body("accuracy", equalTo(2.0 / 4.0)));
        List<UUID> announced = TopicReader.readUntil(Topics.PROGRESS_EVENTS,
                record -> learner.equals(record.key()) && record.value().contains(EventTypes.ITEM_SCHEDULED),
                record -> record.value().contains(scheduledId(after).toString()), ProgressProjectionTest.PATIENCE)
                .stream().map(record -> EventSchemas.parse(record.value()).id()).toList();
        // Each answer's schedule announced once: the three live before the rebuild, then the new one.
        assertEquals(List.of(scheduledId(answers.get(0)), scheduledId(answers.get(1)), scheduledId(answers.get(2)),
                scheduledId(after)), announced);
        // The hash follows the new answer: computed again once the projection changed, not kept from before.
        assertNotEquals(live, settledStateHash());
    }
}
