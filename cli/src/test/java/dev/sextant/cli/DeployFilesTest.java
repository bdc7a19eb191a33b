package dev.sextant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files agree with the command they run: the Dockerfile starts the jar the build makes
 * with the launcher's JVM flags, and the flags in the manifests and the chart are flags of
 * {@code sextant serve}; the P/D example is the configuration {@code sextant demo --pd} runs.
 */
class DeployFilesTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void theImageRunsTheBuiltJarWithTheLaunchersJvmFlags() throws IOException {
        String launcher = Files.readString(ROOT.resolve("sextant"));
        Matcher exec = Pattern.compile("exec \"\\$JAVA\" (.*?) \\$\\{SEXTANT_JAVA_OPTS", Pattern.DOTALL).matcher(launcher);
        assertThat(exec.find()).as("the launcher's java command line").isTrue();
        List<String> launcherFlags = List.of(exec.group(1).replace("\\\n", " ").trim().split("\\s+"));
        assertThat(launcherFlags).contains("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow");

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher entry = Pattern.compile("^ENTRYPOINT \\[(.*)]$", Pattern.MULTILINE).matcher(dockerfile);
        assertThat(entry.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
        List<String> entrypoint = new ArrayList<>();
        Pattern.compile("\"([^\"]*)\"").matcher(entry.group(1)).results().forEach(r -> entrypoint.add(r.group(1)));
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(launcherFlags);
        expected.addAll(List.of("-jar", "/app/sextant.jar"));
        assertThat(entrypoint).isEqualTo(expected);
        assertThat(dockerfile).contains("COPY cli/target/sextant.jar /app/sextant.jar").contains("FROM eclipse-temurin:25-jre");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!cli/target/sextant.jar");
    }

    @Test
    void thePdExampleIsTheConfigurationTheDemoRuns() throws IOException {
        try (var resource = DeployFilesTest.class.getResourceAsStream("/dev/sextant/cli/demo-pd.yaml")) {
            assertThat(resource).as("the demo's P/D configuration").isNotNull();
            assertThat(new String(resource.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(ROOT.resolve("examples/pd.yaml")));
        }
    }

    @Test
    void thePlainManifestStartsSextantWithFlagsItKnows() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        Deployment deployment = null;
        for (String doc : Files.readString(ROOT.resolve("deploy/kubernetes/sextant.yaml")).split("(?m)^---\\s*$")) {
            HasMetadata r = serialization.unmarshal(doc);
            if (r instanceof Deployment d) {
                deployment = d;
            }
        }
        assertThat(deployment).isNotNull();
        List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
        assertThat(parsed.subcommand().matchedOptionValue("--pool-name", "")).isEqualTo("llama");
        assertThat(parsed.subcommand().hasMatchedOption("--ha-enable-leader-election")).isTrue();
    }

    @Test
    void theChartUsesOnlyFlagsOfServe() throws IOException {
        String template = Files.readString(ROOT.resolve("deploy/helm/sextant/templates/deployment.yaml"));
        String args = template.substring(template.indexOf("- serve"), template.indexOf("env:"));
        CommandLine serve = Main.commandLine().getSubcommands().get("serve");
        List<String> flags = Pattern.compile("- (--[a-z-]+)").matcher(args).results().map(r -> r.group(1)).toList();
        assertThat(flags).contains("--pool-name", "--extproc-port", "--ha-enable-leader-election");
        for (String flag : flags) {
            assertThat(serve.getCommandSpec().findOption(flag)).as("sextant serve " + flag).isNotNull();
        }
    }
}
