package dev.recall.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.testing.RecallInfra;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole path through the real broker: author and publish a deck of one item of each kind,
 * take a session, answer every item (one MCQ wrong), read the mastery from progress-service; then
 * restart all services and find everything again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    static final Duration EVENTUAL = Duration.ofSeconds(60);
    static final List<ServiceProcess> SERVICES = List.of(
            new ServiceProcess("deck-service", "recall_e2e_deck"),
            new ServiceProcess("quiz-service", "recall_e2e_quiz"),
            new ServiceProcess("progress-service", "recall_e2e_progress"));
    static final String LEARNER = "ada-" + UUID.randomUUID();

    static String deckId;
    static String sessionId;
    static String publishedHash;

    static String deck() {
        return SERVICES.get(0).url();
    }

    static String quiz() {
        return SERVICES.get(1).url();
    }

    static String progress() {
        return SERVICES.get(2).url();
    }

    @BeforeAll
    static void startTheSuite() throws InterruptedException {
        for (ServiceProcess service : SERVICES) {
            RecallInfra.recreateDatabase(service.database);
            service.start();
        }
        for (ServiceProcess service : SERVICES) {
            service.awaitReady(Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stopTheSuite() throws InterruptedException {
        for (ServiceProcess service : SERVICES) {
            service.stop();
        }
    }

    static String post(String url, Object body, int status) {
        return given().contentType(ContentType.JSON).body(body).when().post(url)
                .then().statusCode(status).extract().asString();
    }

    @Test
    @Order(1)
    void anAuthorPublishesADeckWithOneItemOfEachKind() {
        deckId = given().contentType(ContentType.JSON).body(Map.of("title", "Reproducible pipelines (e2e)"))
                .post(deck() + "/decks").then().statusCode(201).extract().path("id");
        post(deck() + "/decks/" + deckId + "/items", Map.of("kind", "FLASHCARD", "level", "beginner",
                "front", "How do fixed random seeds help in reproducible training?",
                "back", "They make any randomness in training the same across runs."), 201);
        post(deck() + "/decks/" + deckId + "/items", Map.of("kind", "MULTIPLE_CHOICE", "level", "beginner",
                "stem", "Which tool is commonly used to containerize training environments?",
                "options", List.of(
                        Map.of("text", "Docker", "correct", true, "feedback", "Docker packages code and dependencies."),
                        Map.of("text", "Git", "correct", false, "feedback", "Git versions code."),
                        Map.of("text", "TensorBoard", "correct", false)),
                "explanation", "Docker is widely used to create containers that package code and dependencies."), 201);
        post(deck() + "/decks/" + deckId + "/items", Map.of("kind", "FREE_RESPONSE", "level", "intermediate",
                "prompt", "Explain how containerization and data versioning contribute to reproducible pipelines.",
                "hint", "Think about how to keep environment and data consistent.",
                "concepts", List.of("environment consistency", "packaged dependencies", "exact data retrieval"),
                "modelAnswer", "Containers fix the environment and its dependencies; data versions fix the data."), 201);
        publishedHash = given().post(deck() + "/decks/" + deckId + "/publish").then().statusCode(201)
                .body("version", equalTo(1)).extract().path("contentHash");
    }

    @Test
    @Order(2)
    void aLearnerAnswersEveryItemWithOneWrongMultipleChoiceAnswer() {
        await().atMost(EVENTUAL).until(() -> given().get(quiz() + "/catalogue/" + deckId).statusCode() == 200);
        sessionId = given().contentType(ContentType.JSON)
                .body(Map.of("learnerId", LEARNER, "deckId", deckId, "mode", "MIXED", "seed", 2026))
                .post(quiz() + "/sessions").then().statusCode(201).body("itemCount", equalTo(3))
                .extract().path("id");
        int answered = 0;
        Response next;
        while ((next = given().get(quiz() + "/sessions/" + sessionId + "/next")).statusCode() == 200) {
            String itemId = next.path("itemId");
            String kind = next.path("kind");
            Map<String, Object> answer;
            if (kind.equals("FLASHCARD")) {
                answer = Map.of("itemId", itemId, "rating", "GOOD", "latencyMs", 4000);
            } else if (kind.equals("MULTIPLE_CHOICE")) {
                List<String> ids = next.path("options.id");
                List<String> texts = next.path("options.text");
                answer = Map.of("itemId", itemId, "selected", List.of(ids.get(texts.indexOf("Git"))), "latencyMs", 6000);
            } else {
                answer = Map.of("itemId", itemId, "conceptsCovered", next.path("concepts"), "latencyMs", 20000);
            }
            boolean expectCorrect = !kind.equals("MULTIPLE_CHOICE");
            given().contentType(ContentType.JSON).body(answer).post(quiz() + "/sessions/" + sessionId + "/answers")
                    .then().statusCode(200).body("correct", equalTo(expectCorrect));
            answered++;
        }
        assertEquals(204, next.statusCode());
        assertEquals(3, answered);
    }

    @Test
    @Order(3)
    void progressServiceShowsTheExactMastery() {
        await().atMost(EVENTUAL).untilAsserted(this::masteryIsExact);
    }

    void masteryIsExact() {
        given().get(progress() + "/learners/" + LEARNER + "/decks/" + deckId + "/mastery")
                .then().statusCode(200)
                .body("itemsTotal", equalTo(3))
                .body("itemsSeen", equalTo(3))
                .body("accuracy", equalTo(2f / 3f))
                .body("byLevel.beginner.itemsTotal", equalTo(2))
                .body("byLevel.beginner.itemsSeen", equalTo(2))
                .body("byLevel.beginner.accuracy", equalTo(0.5f))
                .body("byLevel.intermediate.itemsTotal", equalTo(1))
                .body("byLevel.intermediate.itemsSeen", equalTo(1))
                .body("byLevel.intermediate.accuracy", equalTo(1.0f));
    }

    @Test
    @Order(4)
    void progressServicesScheduleReachesQuizServiceForReviews() {
        // Every item is scheduled for later, so a REVIEW has nothing due and no new item to fall back to;
        // before the ItemScheduled events arrive it would offer the three items as new.
        await().atMost(EVENTUAL).untilAsserted(() -> given().contentType(ContentType.JSON)
                .body(Map.of("learnerId", LEARNER, "deckId", deckId, "mode", "REVIEW"))
                .post(quiz() + "/sessions").then().statusCode(422)
                .body("detail", equalTo("nothing of deck " + deckId + " is due for " + LEARNER
                        + " and every item has been reviewed; come back later")));
    }

    @Test
    @Order(5)
    void aRestartOfEveryServiceKeepsDecksAnswersAndStatistics() throws InterruptedException {
        stopTheSuite();
        for (ServiceProcess service : SERVICES) {
            service.start();
        }
        for (ServiceProcess service : SERVICES) {
            service.awaitReady(Duration.ofSeconds(90));
        }
        given().get(deck() + "/decks/" + deckId).then().statusCode(200).body("latestVersion", equalTo(1))
                .body("latestContentHash", equalTo(publishedHash));
        given().get(quiz() + "/sessions/" + sessionId).then().statusCode(200).body("answered", equalTo(3))
                .body("correct", equalTo(2));
        masteryIsExact();
        given().get(progress() + "/admin/projection").then().statusCode(200).body("eventsApplied", equalTo(0));
    }
}
