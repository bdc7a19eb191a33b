package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SidecarCommandTest {
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port=0|SSRF protection: no source of prefill targets (expected: exactly one of --allowed-prefillers",
        "--no-ssrf-protection --allowed-prefillers=10.0.0.1:8000|SSRF protection: more than one source",
        "--allowed-prefillers=10.0.0.1|--allowed-prefillers: '10.0.0.1' (expected: ip:port)",
        "--no-ssrf-protection --connector=lmcache|--connector: 'lmcache' (expected: nixlv2)",
        "--no-ssrf-protection --engine=ftp://x:1|--engine: 'ftp://x:1' (expected: http://host:port)",
        "--no-ssrf-protection --port=70000|--port: 70000 (expected: 0..65535)",
        "--no-ssrf-protection --prefill-timeout=0s|--prefill-timeout: PT0S (expected: > 0)",
        "--endpoints-file=/nonexistent/endpoints.yaml|--endpoints-file:",
    })
    void badFlagsAreUsageErrorsNamingTheFlag(String flags, String message) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        String[] args = ("sidecar " + flags).split(" ");
        assertThat(cl.execute(args)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void anEndpointsFileAllowsItsAddressesAndFollowsEdits(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("endpoints.yaml");
        Files.writeString(file, """
                endpoints:
                - address: 10.0.0.7:8000
                  labels: {llm-d.ai/role: prefill}
                - address: 10.0.0.7:8001
                """);
        EndpointsFilePrefillTargets targets = new EndpointsFilePrefillTargets(file);
        assertThat(targets.allows("10.0.0.7:8000")).isTrue();
        assertThat(targets.allows("10.0.0.7:8001")).isTrue();
        assertThat(targets.allows("10.0.0.7:8002")).isFalse();

        Files.writeString(file, "endpoints:\n- address: 10.0.0.8:8000\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(targets.allows("10.0.0.8:8000")).isTrue();
        assertThat(targets.allows("10.0.0.7:8000")).isFalse();

        Files.writeString(file, "endpoints: [ {address: ");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(targets.allows("10.0.0.8:8000")).as("a broken edit keeps the last good set").isTrue();
    }
}
