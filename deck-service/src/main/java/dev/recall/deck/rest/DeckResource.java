package dev.recall.deck.rest;

import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.DeckSettings;
import dev.recall.contracts.deck.Item;
import dev.recall.deck.authoring.Deck;
import dev.recall.deck.authoring.DeckEvent;
import dev.recall.deck.authoring.DeckRuleViolation;
import dev.recall.deck.store.DeckStore;
import dev.recall.kit.problem.Problem;
import dev.recall.kit.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/decks")
@Produces(MediaType.APPLICATION_JSON)
public class DeckResource {
    private static final String IF_MATCH_DOC = "the deck revision the edit is based on (its ETag); a stale one gets 409";

    @Inject
    DeckStore store;

    /** {@code desiredRetention}: see {@link DeckSettings}; 0.9 when left out. */
    public record CreateDeck(String title, String description, List<String> tags, Double desiredRetention) {
    }

    /** The body of {@code PUT /decks/{deckId}/settings}. */
    public record Settings(Double desiredRetention) {
    }

    /** The draft as an author sees it; {@code revision} is also the ETag that edits send as If-Match. */
    public record DeckView(UUID id, String title, String description, List<String> tags, DeckSettings settings,
            long revision, Integer latestVersion, String latestContentHash, List<Item> items) {
        static DeckView of(Deck deck) {
            return new DeckView(deck.id(), deck.title(), deck.description(), deck.tags(), deck.settings(),
                    deck.sequence(), deck.latestVersion() == 0 ? null : deck.latestVersion(), deck.latestContentHash(),
                    deck.items());
        }
    }

    public record Publication(UUID deckId, int version, String contentHash) {
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create an empty deck")
    public Response create(CreateDeck request) {
        requireBody(request);
        UUID id = UUID.randomUUID();
        Deck deck = store.create(Deck.create(id, request.title(), request.description(), request.tags(),
                request.desiredRetention()), Instant.now());
        return withRevision(Response.created(URI.create("/decks/" + id)), deck).entity(DeckView.of(deck)).build();
    }

    @GET
    @Operation(summary = "List decks, most recently changed first, with item counts per kind and level; "
            + "X-Total-Count holds the number of decks, Link the next and previous pages")
    public Response list(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.badRequest("page must be >= 0 and size between 1 and 500");
        }
        DeckStore.DeckPage decks = store.list(page * size, size);
        Response.ResponseBuilder response = Response.ok(decks.decks()).header("X-Total-Count", decks.total());
        if ((long) (page + 1) * size < decks.total()) {
            response.link(URI.create("/decks?page=" + (page + 1) + "&size=" + size), "next");
        }
        if (page > 0) {
            response.link(URI.create("/decks?page=" + (page - 1) + "&size=" + size), "prev");
        }
        return response.build();
    }

    @GET
    @Path("/{deckId}")
    @Operation(summary = "The draft with its items, its revision and the latest published version")
    public Response get(@PathParam("deckId") UUID deckId) {
        Deck deck = store.find(deckId).orElseThrow(() -> ProblemException.notFound("there is no deck " + deckId));
        return withRevision(Response.ok(DeckView.of(deck)), deck).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/{deckId}/items")
    @Operation(summary = "Add an item to the draft")
    public Response addItem(@PathParam("deckId") UUID deckId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch, Item item) {
        requireBody(item);
        UUID itemId = UUID.randomUUID();
        Deck deck = store.execute(deckId, expectedRevision(ifMatch), current -> List.of(current.addItem(itemId, item)),
                Instant.now());
        return withRevision(Response.created(URI.create("/decks/" + deckId + "/items/" + itemId)), deck)
                .entity(itemOf(deck, itemId)).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{deckId}/items/{itemId}")
    @Operation(summary = "Revise an item of the draft")
    public Response reviseItem(@PathParam("deckId") UUID deckId, @PathParam("itemId") UUID itemId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch, Item item) {
        requireBody(item);
        Deck deck = store.execute(deckId, expectedRevision(ifMatch),
                current -> List.of(current.reviseItem(itemId, item)), Instant.now());
        return withRevision(Response.ok(itemOf(deck, itemId)), deck).build();
    }

    @DELETE
    @Path("/{deckId}/items/{itemId}")
    @Operation(summary = "Remove an item from the draft")
    public Response removeItem(@PathParam("deckId") UUID deckId, @PathParam("itemId") UUID itemId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch) {
        Deck deck = store.execute(deckId, expectedRevision(ifMatch), current -> List.of(current.removeItem(itemId)),
                Instant.now());
        return withRevision(Response.noContent(), deck).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{deckId}/settings")
    @Operation(summary = "Change how the deck's items are scheduled (desiredRetention, 0.70 to 0.99); "
            + "learners get the new settings with the next published version")
    public Response changeSettings(@PathParam("deckId") UUID deckId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch, Settings settings) {
        requireBody(settings);
        Deck deck = store.execute(deckId, expectedRevision(ifMatch),
                current -> List.of(current.changeSettings(settings.desiredRetention())), Instant.now());
        return withRevision(Response.ok(DeckView.of(deck)), deck).build();
    }

    @POST
    @Path("/{deckId}/publish")
    @Operation(summary = "Freeze the draft as the next immutable version; 422 lists every problem")
    public Response publish(@PathParam("deckId") UUID deckId,
            @Parameter(description = IF_MATCH_DOC) @HeaderParam("If-Match") String ifMatch) {
        Deck deck = store.execute(deckId, expectedRevision(ifMatch),
                current -> List.<DeckEvent>of(current.publish(Instant.now())), Instant.now());
        return withRevision(Response.created(URI.create("/decks/" + deckId + "/versions/" + deck.latestVersion())),
                deck).entity(new Publication(deckId, deck.latestVersion(), deck.latestContentHash())).build();
    }

    @GET
    @Path("/{deckId}/versions/{version}")
    @Operation(summary = "A published version, exactly as it was frozen")
    public DeckPublished version(@PathParam("deckId") UUID deckId, @PathParam("version") int version) {
        return store.version(deckId, version).orElseThrow(() -> ProblemException.notFound("deck " + deckId
                + " has no published version " + version));
    }

    @GET
    @Path("/{deckId}/events")
    @Operation(summary = "The deck's history, oldest first")
    public List<DeckStore.StoredEvent> events(@PathParam("deckId") UUID deckId) {
        List<DeckStore.StoredEvent> events = store.history(deckId);
        if (events.isEmpty()) {
            throw ProblemException.notFound("there is no deck " + deckId);
        }
        return events;
    }

    @ServerExceptionMapper
    public Response ruleViolation(DeckRuleViolation e) {
        return new Problem("about:blank", "Unprocessable content", 422, e.getMessage(), e.problems()).toResponse();
    }

    @ServerExceptionMapper
    public Response noSuchItem(Deck.NoSuchItem e) {
        return ProblemException.notFound(e.getMessage()).toProblem().toResponse();
    }

    private static Item itemOf(Deck deck, UUID itemId) {
        return deck.items().stream().filter(item -> item.id().equals(itemId)).findFirst().orElseThrow();
    }

    private static Response.ResponseBuilder withRevision(Response.ResponseBuilder response, Deck deck) {
        return response.tag(new EntityTag(Long.toString(deck.sequence())));
    }

    static Long expectedRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("If-Match must be the deck's revision as returned in its ETag, e.g. "
                    + "\"3\"; got " + ifMatch);
        }
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
    }
}
