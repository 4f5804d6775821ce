package dev.recall.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.recall.contracts.Json;
import dev.recall.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine exists here, so docker-compose.yml is checked against the services themselves:
 * every service, its port, database, Kafka address and dependencies, the topics and the databases.
 */
class ComposeFileTest {
    static final Path ROOT = ServiceProcess.ROOT;
    static final List<String> APPS = List.of("deck-service", "quiz-service", "progress-service");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (Reader in = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertTrue(services.containsKey(name), "docker-compose.yml has no service " + name);
        return (Map<String, Object>) services.get(name);
    }

    static Properties applicationProperties(String app) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve(app + "/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new java.util.HashMap<>();
        ((Map<String, Object>) service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @Test
    void everyServiceRunsOnItsOwnPortWithItsOwnDatabaseAndTheBroker() throws IOException {
        for (String app : APPS) {
            Map<String, Object> service = service(app);
            Properties properties = applicationProperties(app);
            String port = properties.getProperty("quarkus.http.port");
            String database = properties.getProperty("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
            Map<String, String> env = environment(service);
            assertEquals(port, env.get("QUARKUS_HTTP_PORT"), app);
            assertEquals(List.of(port + ":" + port), service.get("ports"), app);
            assertEquals("jdbc:postgresql://postgres:5432/" + database, env.get("QUARKUS_DATASOURCE_JDBC_URL"), app);
            assertEquals("recall", env.get("QUARKUS_DATASOURCE_USERNAME"), app);
            assertEquals("recall", env.get("QUARKUS_DATASOURCE_PASSWORD"), app);
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), app);
            assertEquals(Set.of("postgres", "kafka", "kafka-topics"), ((Map<?, ?>) service.get("depends_on")).keySet(),
                    app);
            Map<?, ?> build = (Map<?, ?>) service.get("build");
            assertEquals(app, ((Map<?, ?>) build.get("args")).get("SERVICE"));
            assertTrue(Files.exists(ROOT.resolve((String) build.get("dockerfile"))), app);
            assertTrue(String.valueOf(((Map<?, ?>) service.get("healthcheck")).get("test"))
                    .contains("localhost:" + port + "/q/health/ready"), app);
        }
    }

    @Test
    void postgresCreatesTheDatabaseOfEveryService() throws IOException {
        String init = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
        for (String app : APPS) {
            String database = applicationProperties(app).getProperty("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
            assertTrue(init.contains("CREATE DATABASE " + database + ";"), database);
        }
        assertTrue(String.valueOf(service("postgres").get("volumes")).contains("./deploy/postgres/init.sql:"));
    }

    @Test
    void kafkaRunsInKraftModeAndEveryTopicGetsThreePartitions() throws IOException {
        Map<String, String> env = environment(service("kafka"));
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertEquals("1", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"));
        String command = String.valueOf(service("kafka-topics").get("command"));
        assertTrue(command.contains("--partitions 3"));
        List<String> missing = new ArrayList<>();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                if (!command.contains(name + " ") && !command.contains(name + ";")) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theFileSatisfiesTheComposeSpecification() throws IOException {
        Path schema = ROOT.resolve("../shared/schemas/compose-spec.json").normalize();
        assumeTrue(Files.exists(schema), "the Compose Specification schema is not beside the repository");
        JsonNode document = Json.MAPPER.valueToTree(compose());
        try (InputStream in = Files.newInputStream(schema)) {
            com.fasterxml.jackson.databind.node.ObjectNode spec =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(in);
            // The published schema's $id is relative, which the validator refuses as a base URI.
            spec.put("$id", "https://compose-spec.io/compose_spec.json");
            Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(spec).validate(document);
            assertEquals(Set.of(), problems);
        }
    }
}
