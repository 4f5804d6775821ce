package dev.recall.quiz.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.EventTypes;
import dev.recall.contracts.Topics;
import dev.recall.testing.RecallServiceResource;
import dev.recall.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Posts malformed, oversized and wrong-typed answer bodies: every reply must be a 4xx problem
 * document, and neither the answers nor the outbox may change.
 */
@QuarkusTest
@QuarkusTestResource(value = RecallServiceResource.class,
        initArgs = @ResourceArg(name = "database", value = "recall_test_quiz"))
class AnswerFuzzTest {
    static final int RANDOM_BODIES = 300;

    @Inject
    DataSource dataSource;

    long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> handWrittenBodies(SessionResourceTest.Deck deck) {
        String card = deck.card().toString();
        String mcq = deck.mcq().toString();
        String explain = deck.explain().toString();
        return List.of(
                "", " ", "null", "[]", "42", "\"text\"", "{", "}", "{]", "{\"itemId\":", "{\"itemId\":\"" + card,
                "{\"itemId\":null,\"rating\":\"GOOD\"}",
                "{\"itemId\":\"not-a-uuid\",\"rating\":\"GOOD\"}",
                "{\"itemId\":42,\"rating\":\"GOOD\"}",
                "{\"itemId\":[\"" + card + "\"],\"rating\":\"GOOD\"}",
                "{\"itemId\":\"" + card + "\"}",
                "{\"itemId\":\"" + card + "\",\"rating\":null}",
                "{\"itemId\":\"" + card + "\",\"rating\":7}",
                "{\"itemId\":\"" + card + "\",\"rating\":{\"value\":\"GOOD\"}}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"\"}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"latencyMs\":-1}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"latencyMs\":\"fast\"}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"latencyMs\":1e400}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"answeredAt\":\"yesterday\"}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"answeredAt\":12}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\",\"answerId\":\"x\"}",
                "{\"itemId\":\"" + mcq + "\"}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[]}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":\"a\"}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[null]}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[1,2]}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[[\"a\"]]}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[\"zz\"]}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[\"a\",\"b\",\"c\"]}",
                "{\"itemId\":\"" + explain + "\"}",
                "{\"itemId\":\"" + explain + "\",\"conceptsCovered\":\"seeds\"}",
                "{\"itemId\":\"" + explain + "\",\"conceptsCovered\":[\"luck\"]}",
                "{\"itemId\":\"" + explain + "\",\"conceptsCovered\":[null]}",
                "{\"itemId\":\"" + explain + "\",\"conceptsCovered\":{\"a\":1}}",
                "{\"itemId\":\"" + UUID.randomUUID() + "\",\"rating\":\"GOOD\"}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"GOOD\"" + ",\"x\":[".repeat(2000) + "]".repeat(2000) + "}",
                "{\"itemId\":\"" + mcq + "\",\"selected\":[" + "\"a\",\"b\",".repeat(100_000) + "\"a\"]}",
                "{\"itemId\":\"" + card + "\",\"rating\":\"" + "G".repeat(3_000_000) + "\"}");
    }

    static String randomBody(Random random, SessionResourceTest.Deck deck) {
        String[] fragments = {"{", "}", "[", "]", ":", ",", "\"itemId\"", "\"rating\"", "\"selected\"",
            "\"conceptsCovered\"", "\"latencyMs\"", "\"answeredAt\"", "\"answerId\"", "null", "true", "-1", "1e99",
            "\"GOOD\"", "\"a\"", "\"" + deck.card() + "\"", "\"" + deck.mcq() + "\"", "\"\\u0000\"", "\"é\"", " "};
        StringBuilder body = new StringBuilder();
        int length = 1 + random.nextInt(25);
        for (int i = 0; i < length; i++) {
            body.append(fragments[random.nextInt(fragments.length)]);
        }
        return body.toString();
    }

    static void assertProblem(Response response, String body) {
        String shown = body.length() > 80 ? body.substring(0, 80) + "…" : body;
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, "status " + status + " for " + shown + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"),
                "content type " + response.contentType() + " for " + shown);
        assertEquals(status, (int) response.path("status"), shown);
        assertTrue(((String) response.path("detail")).length() > 0, shown);
    }

    @Test
    void everyMalformedAnswerGetsAProblemDocumentAndChangesNothing() throws SQLException {
        SessionResourceTest.Deck deck = SessionResourceTest.publishDeck();
        String learner = "fuzz-" + UUID.randomUUID();
        String sessionId = SessionResourceTest.startSession(deck, learner, "MIXED", 11);
        long answers = count("answers");

        List<String> bodies = new ArrayList<>(handWrittenBodies(deck));
        Random random = new Random(20261127);
        for (int i = 0; i < RANDOM_BODIES; i++) {
            bodies.add(randomBody(random, deck));
        }
        for (String body : bodies) {
            assertProblem(given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/sessions/{id}/answers", sessionId), body);
        }
        String valid = "{\"itemId\":\"" + deck.card() + "\",\"rating\":\"GOOD\"}";
        assertProblem(given().contentType("text/plain").body(valid).post("/sessions/{id}/answers", sessionId), valid);
        assertProblem(given().contentType("application/json").body(valid).post("/sessions/{id}/answers", "nope"), valid);

        assertEquals(answers, count("answers"));
        assertEquals(0, (int) given().get("/sessions/{id}", sessionId).path("answered"));
        // One valid answer last: once its event is on the topic, any event of a refused body would be too.
        String sentinel = UUID.randomUUID().toString();
        given().contentType("application/json").body(valid.replace("{", "{\"answerId\":\"" + sentinel + "\","))
                .post("/sessions/{id}/answers", sessionId).then().statusCode(200);
        List<ConsumerRecord<String, String>> events = TopicReader.readUntil(Topics.QUIZ_EVENTS,
                r -> learner.equals(r.key()) && r.value().contains(EventTypes.ANSWER_RECORDED),
                r -> r.value().contains(sentinel), Duration.ofSeconds(30));
        assertEquals(1, events.size());
        assertEquals(answers + 1, count("answers"));
    }
}
