package dev.recall.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a service under test at the run's shared broker and at a fresh database of its own,
 * named by the resource argument {@code database}.
 */
public class RecallServiceResource implements QuarkusTestResourceLifecycleManager {
    private String database = "recall_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        RecallInfra.recreateDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", RecallInfra.jdbcUrl(database),
                "quarkus.datasource.username", RecallInfra.pgUser(),
                "quarkus.datasource.password", RecallInfra.pgPassword(),
                "kafka.bootstrap.servers", RecallInfra.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // The database is kept for inspection after a failed run; the next run recreates it.
    }
}
