package dev.recall.quiz.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.quiz.AnswerRecorded;
import dev.recall.kit.problem.ProblemException;
import dev.recall.quiz.catalogue.Catalogue;
import dev.recall.quiz.grading.Grade;
import dev.recall.quiz.grading.Grader;
import dev.recall.quiz.grading.InvalidAnswer;
import dev.recall.quiz.grading.Submission;
import dev.recall.quiz.review.Schedules;
import dev.recall.quiz.session.SeededOrder;
import dev.recall.quiz.session.SessionMode;
import dev.recall.quiz.session.SessionPlan;
import dev.recall.quiz.store.AnswerRecord;
import dev.recall.quiz.store.Session;
import dev.recall.quiz.store.SessionStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    static final int MAX_LEARNER_ID = 200;
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final SecureRandom SEEDS = new SecureRandom();

    @Inject
    Catalogue catalogue;

    @Inject
    SessionStore store;

    @Inject
    Schedules schedules;

    public record StartSession(String learnerId, UUID deckId, String mode, Long seed, Integer version,
            List<Level> levels, List<String> tags, Integer maxItems) {
    }

    public record Started(UUID id, String learnerId, UUID deckId, int deckVersion, String mode, long seed,
            int itemCount) {
    }

    /** An item as the learner sees it: no answer key. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShownItem(UUID sessionId, UUID itemId, ItemKind kind, Level level, int position, int itemCount,
            String front, String stem, List<ShownOption> options, Boolean multipleAnswers, String prompt, String hint,
            List<String> concepts, List<String> lefts, List<String> rights) {
    }

    public record ShownOption(String id, String text) {
    }

    public record AnswerRequest(UUID answerId, UUID itemId, String rating, List<String> selected,
            List<String> conceptsCovered, String text, JsonNode value, Map<String, String> pairs, Instant answeredAt,
            Long latencyMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerResult(UUID answerId, UUID sessionId, UUID itemId, boolean correct, double score,
            String verdict, String rating, String feedback, String explanation, Object correctAnswer,
            Integer conceptsHit, Integer conceptsTotal, List<String> missedConcepts, Instant answeredAt,
            Long latencyMs) {
        static AnswerResult of(UUID answerId, UUID sessionId, UUID itemId, Grade grade, Instant answeredAt,
                Long latencyMs) {
            return new AnswerResult(answerId, sessionId, itemId, grade.correct(), grade.score(), grade.verdict(),
                    grade.rating(), grade.feedback(), grade.explanation(), grade.correctAnswer(), grade.conceptsHit(),
                    grade.conceptsTotal(), grade.missedConcepts(), answeredAt, latencyMs);
        }
    }

    public record Tally(int answered, int correct, double score) {
        static Tally of(List<AnswerRecord> answers) {
            return new Tally(answers.size(), (int) answers.stream().filter(AnswerRecord::correct).count(),
                    answers.stream().mapToDouble(AnswerRecord::score).sum());
        }
    }

    public record Summary(UUID id, String learnerId, UUID deckId, int deckVersion, String mode, long seed,
            Instant startedAt, int itemCount, int answered, int remaining, boolean finished, int correct,
            double score, Map<String, Tally> byLevel, Map<String, Tally> byKind, long timeSpentMs) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a session on a published deck version, with items in seeded order")
    public Response start(StartSession request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        if (request.learnerId() == null || request.learnerId().isBlank()
                || request.learnerId().length() > MAX_LEARNER_ID) {
            throw ProblemException.unprocessable("learnerId is required (1 to " + MAX_LEARNER_ID + " characters)",
                    null);
        }
        if (request.deckId() == null) {
            throw ProblemException.unprocessable("deckId is required", null);
        }
        SessionMode mode = parseMode(request.mode());
        if (request.maxItems() != null && request.maxItems() < 1) {
            throw ProblemException.unprocessable("maxItems must be at least 1", null);
        }
        DeckPublished deck = catalogue.find(request.deckId(), request.version()).orElseThrow(() ->
                ProblemException.notFound(request.version() == null
                        ? "deck " + request.deckId() + " has no published version in quiz-service's catalogue yet; "
                                + "publish it, or retry once its DeckPublished event has arrived"
                        : "deck " + request.deckId() + " has no published version " + request.version()
                                + " in quiz-service's catalogue"));
        long seed = request.seed() != null ? request.seed() : SEEDS.nextInt(Integer.MAX_VALUE);
        Set<Level> levels = request.levels() == null ? null : Set.copyOf(request.levels());
        Set<String> tags = request.tags() == null ? null : Set.copyOf(request.tags());
        Instant now = Instant.now();
        List<Item> items = mode == SessionMode.REVIEW
                ? SessionPlan.chooseForReview(deck.items(), seed, levels, tags, request.maxItems(),
                        schedules.dueDates(request.learnerId(), deck.deckId()), now)
                : SessionPlan.choose(deck.items(), mode, seed, levels, tags, request.maxItems());
        if (items.isEmpty()) {
            throw ProblemException.unprocessable(mode == SessionMode.REVIEW
                    ? "nothing of deck " + deck.deckId() + " is due for " + request.learnerId()
                            + " and every item has been reviewed; come back later"
                    : "no item of deck " + deck.deckId() + " version " + deck.version() + " matches mode " + mode
                            + " and the filters given", null);
        }
        Session session = new Session(UUID.randomUUID(), request.learnerId(), deck.deckId(), deck.version(),
                mode.name(), seed, items.stream().map(Item::id).toList(), now);
        store.start(session);
        return Response.created(URI.create("/sessions/" + session.id()))
                .entity(new Started(session.id(), session.learnerId(), session.deckId(), session.deckVersion(),
                        session.mode(), seed, items.size()))
                .build();
    }

    @GET
    @Path("/{sessionId}")
    @Operation(summary = "Progress of the session: answered, remaining, score, per level and per kind")
    public Summary summary(@PathParam("sessionId") UUID sessionId) {
        Session session = session(sessionId);
        List<AnswerRecord> answers = store.answers(sessionId);
        Tally all = Tally.of(answers);
        return new Summary(session.id(), session.learnerId(), session.deckId(), session.deckVersion(), session.mode(),
                session.seed(), session.startedAt(), session.itemIds().size(), all.answered(),
                session.itemIds().size() - all.answered(), all.answered() == session.itemIds().size(), all.correct(),
                all.score(), tallies(answers, AnswerRecord::level), tallies(answers, AnswerRecord::kind),
                answers.stream().mapToLong(AnswerRecord::latencyMs).sum());
    }

    @GET
    @Path("/{sessionId}/next")
    @Operation(summary = "The next unanswered item as shown to the learner; 204 when the session is done")
    public Response next(@PathParam("sessionId") UUID sessionId) {
        Session session = session(sessionId);
        Set<UUID> answered = store.answers(sessionId).stream().map(AnswerRecord::itemId).collect(Collectors.toSet());
        Optional<UUID> next = session.itemIds().stream().filter(id -> !answered.contains(id)).findFirst();
        if (next.isEmpty()) {
            return Response.noContent().build();
        }
        Item item = item(pinnedVersion(session), next.get());
        return Response.ok(show(session, item, session.itemIds().indexOf(item.id()) + 1)).build();
    }

    @GET
    @Path("/{sessionId}/items/{itemId}/reveal")
    @Operation(summary = "The back of a flashcard, or the model answer and concepts of a free-response item")
    public Map<String, Object> reveal(@PathParam("sessionId") UUID sessionId, @PathParam("itemId") UUID itemId) {
        Session session = session(sessionId);
        Item item = itemInSession(session, pinnedVersion(session), itemId);
        Map<String, Object> revealed = new LinkedHashMap<>();
        revealed.put("itemId", item.id());
        revealed.put("kind", item.kind());
        switch (item.kind()) {
            case FLASHCARD:
                revealed.put("front", item.front());
                revealed.put("back", item.back());
                return revealed;
            case FREE_RESPONSE:
                revealed.put("modelAnswer", item.modelAnswer());
                revealed.put("concepts", item.concepts());
                return revealed;
            default:
                throw ProblemException.conflict("a " + item.kind() + " item is graded automatically: answer it to see "
                        + "the correct answer");
        }
    }

    @POST
    @Path("/{sessionId}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grade, store and announce one answer; the same answerId twice records it once")
    public CompletionStage<Response> answer(@PathParam("sessionId") UUID sessionId, AnswerRequest request) {
        // Non-blocking: this runs on the event loop and hands the answer to the store's writers, whose stage
        // resumes the request there; no worker thread waits for the database.
        if (request == null) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        if (request.itemId() == null) {
            throw ProblemException.unprocessable("itemId is required: the item being answered", null);
        }
        if (request.latencyMs() != null && request.latencyMs() < 0) {
            throw ProblemException.unprocessable("latencyMs may not be negative", null);
        }
        Instant now = Instant.now();
        UUID answerId = request.answerId() != null ? request.answerId() : UUID.randomUUID();
        // One transaction: the store locks the session and hands over its pinned deck version (from the
        // catalogue's cache, or read on the same connection: a second one taken meanwhile starves the pool).
        return store.record(sessionId, answerId, request.itemId(),
                (session, deck, itemAnswered) -> {
            Item item = itemInSession(session, deck, request.itemId());
            if (itemAnswered) {
                throw ProblemException.conflict("item " + item.id() + " was already answered in session " + sessionId
                        + "; each item is answered once per session (retry with the same answerId to get the result)");
            }
            Instant answeredAt = answeredAt(request.answeredAt(), session, now);
            Submission submission = submission(item, request);
            Grade grade = Grader.grade(item, submission);
            List<String> selected = submission.truth() != null ? List.of(submission.truth().toString())
                    : request.selected();
            AnswerRecorded event = new AnswerRecorded(answerId, sessionId, session.learnerId(), session.deckId(),
                    session.deckVersion(), item.id(), item.kind(), item.level(), grade.correct(), grade.score(),
                    grade.rating(), selected, request.conceptsCovered(), grade.conceptsHit(), grade.conceptsTotal(),
                    answeredAt, request.latencyMs(), submission.text(), submission.number(), submission.pairs());
            return new SessionStore.Recording(event, request,
                    AnswerResult.of(answerId, sessionId, item.id(), grade, answeredAt, request.latencyMs()));
        }, now).thenApply(recorded -> Response.ok(recorded.result())
                .header("Location", "/sessions/" + sessionId + "/answers/" + answerId).build());
    }

    @ServerExceptionMapper
    public Response invalidAnswer(InvalidAnswer e) {
        return ProblemException.unprocessable(e.getMessage(), null).toProblem().toResponse();
    }

    @ServerExceptionMapper
    public Response noSuchSession(SessionStore.NoSuchSession e) {
        return ProblemException.notFound(e.getMessage()).toProblem().toResponse();
    }

    /** Reads {@code value} as the item's kind needs it: a boolean for true/false, a number for numeric. */
    static Submission submission(Item item, AnswerRequest request) {
        JsonNode value = request.value() == null || request.value().isNull() ? null : request.value();
        Boolean truth = null;
        Double number = null;
        if (value != null && item.kind() == ItemKind.TRUE_FALSE) {
            if (value.isBoolean()) {
                truth = value.booleanValue();
            } else if (value.isTextual() && List.of("true", "false").contains(value.asText().toLowerCase())) {
                truth = Boolean.parseBoolean(value.asText());
            } else {
                throw new InvalidAnswer("a true/false item is answered with value: true or false, not " + value);
            }
        } else if (value != null && item.kind() == ItemKind.NUMERIC) {
            if (!value.isNumber()) {
                throw new InvalidAnswer("a numeric item is answered with value: a number, not " + value);
            }
            number = value.doubleValue();
        }
        return new Submission(request.rating(), request.selected(), request.conceptsCovered(), truth,
                item.kind() == ItemKind.SHORT_ANSWER ? request.text() : null, number,
                item.kind() == ItemKind.MATCHING ? request.pairs() : null);
    }

    private static Instant answeredAt(Instant claimed, Session session, Instant now) {
        if (claimed == null) {
            return now;
        }
        if (claimed.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.unprocessable("answeredAt " + claimed + " is in the future (server time " + now
                    + ")", null);
        }
        if (claimed.isBefore(session.startedAt())) {
            throw ProblemException.unprocessable("answeredAt " + claimed + " is before the session started ("
                    + session.startedAt() + ")", null);
        }
        return claimed;
    }

    private static SessionMode parseMode(String mode) {
        if (mode == null) {
            throw ProblemException.unprocessable("mode is required: STUDY, QUIZ, MIXED or REVIEW", null);
        }
        try {
            return SessionMode.valueOf(mode.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("unknown mode '" + mode + "'; use STUDY, QUIZ, MIXED or REVIEW", null);
        }
    }

    private Session session(UUID sessionId) {
        return store.find(sessionId).orElseThrow(() -> new SessionStore.NoSuchSession(sessionId));
    }

    private DeckPublished pinnedVersion(Session session) {
        return catalogue.find(session.deckId(), session.deckVersion())
                .orElseThrow(() -> SessionStore.pinnedVersionMissing(session));
    }

    private static Item itemInSession(Session session, DeckPublished deck, UUID itemId) {
        if (!session.itemIds().contains(itemId)) {
            throw ProblemException.unprocessable("item " + itemId + " is not part of session " + session.id(), null);
        }
        return item(deck, itemId);
    }

    private static Item item(DeckPublished deck, UUID itemId) {
        return deck.items().stream().filter(item -> item.id().equals(itemId)).findFirst().orElseThrow();
    }

    static ShownItem show(Session session, Item item, int position) {
        List<ShownOption> options = item.options() == null ? null
                : SeededOrder.shuffle(item.options(), option -> SeededOrder.optionKey(session.seed(), item.id(),
                        option.id())).stream().map(option -> new ShownOption(option.id(), option.text())).toList();
        List<String> lefts = null;
        List<String> rights = null;
        if (item.pairs() != null) {
            lefts = SeededOrder.shuffle(item.pairs(), pair -> SeededOrder.optionKey(session.seed(), item.id(),
                    "left:" + pair.left())).stream().map(MatchPair::left).toList();
            rights = SeededOrder.shuffle(item.pairs(), pair -> SeededOrder.optionKey(session.seed(), item.id(),
                    "right:" + pair.right())).stream().map(MatchPair::right).distinct().toList();
        }
        return new ShownItem(session.id(), item.id(), item.kind(), item.level(), position, session.itemIds().size(),
                item.front(), item.stem(), options, item.kind() == ItemKind.MULTIPLE_CHOICE ? item.allowsMultipleAnswers()
                        : null, item.prompt(), item.hint(), item.concepts(), lefts, rights);
    }

    private static Map<String, Tally> tallies(List<AnswerRecord> answers, Function<AnswerRecord, String> key) {
        return answers.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.collectingAndThen(
                Collectors.toList(), Tally::of)));
    }
}
