package dev.recall.progress.rest;

import dev.recall.kit.jdbc.Transactions;
import dev.recall.progress.projection.ProjectionConsumer;
import dev.recall.progress.projection.ProjectionRebuild;
import dev.recall.progress.projection.StateHash;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ProjectionConsumer consumer;

    @Inject
    ProjectionRebuild rebuild;

    @Inject
    DataSource dataSource;

    /**
     * {@code status}: LIVE, REBUILDING, RETRYING or STOPPED; the counters are the live consumer's since it
     * (re)started; {@code stateHash} is over the canonical projection tables.
     */
    public record Projection(String status, long eventsApplied, long duplicatesSkipped, long deadLettered,
            String stateHash, ProjectionRebuild.Progress rebuild) {
    }

    @GET
    @Path("/projection")
    @Operation(summary = "The projection's state, the live consumer's counters, a hash of the projection and the "
            + "last rebuild")
    public Projection projection() {
        ProjectionConsumer.Counters counters = consumer.counters();
        String stateHash = Transactions.inTransaction(dataSource, StateHash::current);
        return new Projection(rebuild.inProgress() ? "REBUILDING" : counters.status(), counters.eventsApplied(),
                counters.duplicatesSkipped(), counters.deadLettered(), stateHash, rebuild.progress());
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Replay both topics from offset 0 into fresh projections while these keep serving, then "
            + "switch to them; 202, follow it in GET /admin/projection")
    public Response rebuild() {
        return Response.accepted(rebuild.start()).build();
    }
}
