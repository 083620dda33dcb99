package dev.futures.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** {@link MapCommandTest}'s cases against the packaged build (the jar, or the native executable with -Dnative). */
@QuarkusMainIntegrationTest
class MapCommandIT extends MapCommandTest {
}
