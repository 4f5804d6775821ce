package dev.recall.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.recall.kit.jdbc.DatabaseException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json with a detail that says what to fix. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.toProblem().toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " at " + mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : "";
        return new Problem("about:blank", "Bad request", 400,
                "The request body is not valid JSON for this endpoint" + where + ": " + e.getOriginalMessage(), null)
                .toResponse();
    }

    /** Quarkus maps this subtype itself (without a problem document) unless told otherwise. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        String detail = e.getCause() instanceof JsonProcessingException json
                ? "The request body is not valid JSON: " + json.getOriginalMessage()
                : e.getMessage();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : family.name();
        return new Problem("about:blank", title, status, detail, null).toResponse();
    }

    @ServerExceptionMapper
    public Response database(DatabaseException e) {
        if (e.isTransient()) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return new Problem("about:blank", "Service unavailable", 503,
                    "The database is unavailable; nothing was changed. Retry the request.", null).toResponse(1);
        }
        LOG.error("database failure", e);
        return new Problem("about:blank", "Internal server error", 500,
                "The request could not be completed; nothing was changed.", null).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return new Problem("about:blank", "Internal server error", 500,
                "The request could not be completed: " + e.getClass().getSimpleName(), null).toResponse();
    }
}
