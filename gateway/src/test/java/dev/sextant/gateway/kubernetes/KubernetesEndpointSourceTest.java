package dev.sextant.gateway.kubernetes;

import static dev.sextant.gateway.kubernetes.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Discovery against the mock API server in CRUD mode: the endpoint set follows pools and pods. */
class KubernetesEndpointSourceTest {
    private static final Map<String, String> VLLM = Map.of("app", "vllm", Endpoint.ROLE_LABEL, "decode",
            Endpoint.ENGINE_TYPE_LABEL, "vllm");

    private final MockCluster cluster = new MockCluster();
    private final KubernetesClient admin = cluster.client();
    private final AtomicReference<List<Endpoint>> reported = new AtomicReference<>();
    private final List<KubernetesEndpointSource> sources = new ArrayList<>();

    @AfterEach
    void stop() {
        sources.forEach(KubernetesEndpointSource::close);
        cluster.close();
    }

    private KubernetesEndpointSource start(DiscoveryTarget target) {
        KubernetesEndpointSource source = new KubernetesEndpointSource(cluster.client(), target, Duration.ofSeconds(60));
        sources.add(source);
        source.start(reported::set);
        return source;
    }

    private KubernetesEndpointSource startPool() {
        return start(new DiscoveryTarget.Pool(NAMESPACE, "llama"));
    }

    private void create(GenericKubernetesResource pool) {
        admin.genericKubernetesResources(InferencePool.definition()).inNamespace(NAMESPACE).resource(pool).create();
    }

    private void replace(GenericKubernetesResource pool) {
        admin.genericKubernetesResources(InferencePool.definition()).inNamespace(NAMESPACE).resource(pool).update();
    }

    private void create(Pod pod) {
        admin.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private void edit(String pod, UnaryOperator<Pod> change) {
        admin.pods().inNamespace(NAMESPACE).withName(pod).edit(change);
    }

    /** The reported endpoints as {@code name@ip:port}, in order. */
    private List<String> names() {
        List<Endpoint> now = reported.get();
        return now == null ? null : now.stream().map(e -> e.name() + "@" + e.id()).toList();
    }

    private void awaitEndpoints(String... expected) {
        Await.until("endpoints are " + List.of(expected), () -> List.of(expected).equals(names()), this::names);
    }

    @Test
    void poolAndPodsCreatedBecomeEndpointsWithThePodLabels() {
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000, 8200)));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        create(MockCluster.readyPod("other-0", "10.0.0.9", Map.of("app", "other")));
        create(MockCluster.pod("vllm-1", null, false, VLLM).build());
        KubernetesEndpointSource source = startPool();

        // Reported before start returned, complete: one endpoint per target port, ranked by port index.
        assertThat(names()).containsExactly("vllm-0-rank-0@10.0.0.1:8000", "vllm-0-rank-1@10.0.0.1:8200");
        assertThat(reported.get().getFirst().labels()).containsAllEntriesOf(VLLM);
        assertThat(reported.get().getFirst().role()).contains("decode");
        assertThat(source.poolKnown().isOpen()).isTrue();

        create(MockCluster.readyPod("vllm-2", "10.0.0.2", VLLM));
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000", "vllm-0-rank-1@10.0.0.1:8200", "vllm-2-rank-0@10.0.0.2:8000",
                "vllm-2-rank-1@10.0.0.2:8200");
    }

    /** Something that happens to the pod {@code vllm-0}. */
    interface PodChange {
        void apply(PodResource pod);

        static PodChange edit(UnaryOperator<PodBuilder> change) {
            return pod -> pod.edit(p -> change.apply(new PodBuilder(p)).build());
        }
    }

    static Stream<Arguments> podChanges() {
        return Stream.of(
                Arguments.of("turns unready", PodChange.edit(p -> p.editStatus().editFirstCondition().withStatus("False")
                        .endCondition().endStatus()), List.of()),
                Arguments.of("starts terminating", (PodChange) pod -> {
                    // A finalizer keeps the deleted pod visible, terminating, as the kubelet's grace period would.
                    pod.edit(p -> new PodBuilder(p).editMetadata().withFinalizers("example.com/keep").endMetadata().build());
                    pod.delete();
                }, List.of()),
                Arguments.of("is deleted", (PodChange) PodResource::delete, List.of()),
                Arguments.of("loses the pool's label", PodChange.edit(p -> p.editMetadata().addToLabels("app", "retired")
                        .endMetadata()), List.of()),
                Arguments.of("narrows its ports by annotation", PodChange.edit(p -> p.editMetadata()
                        .addToAnnotations(ActivePorts.ANNOTATION, " 8200 ").endMetadata()),
                        List.of("vllm-0-rank-1@10.0.0.1:8200")),
                Arguments.of("serves no port by an empty annotation", PodChange.edit(p -> p.editMetadata()
                        .addToAnnotations(ActivePorts.ANNOTATION, "").endMetadata()), List.of()),
                Arguments.of("has a malformed annotation", PodChange.edit(p -> p.editMetadata()
                        .addToAnnotations(ActivePorts.ANNOTATION, "8000,http,99999,-1").endMetadata()),
                        List.of("vllm-0-rank-0@10.0.0.1:8000")),
                Arguments.of("gets a new IP", PodChange.edit(p -> p.editStatus().withPodIP("10.0.0.7").endStatus()),
                        List.of("vllm-0-rank-0@10.0.0.7:8000", "vllm-0-rank-1@10.0.0.7:8200")),
                Arguments.of("reports an IP that is not one", PodChange.edit(p -> p.editStatus().withPodIP("10.0.0.999")
                        .endStatus()), List.of()),
                Arguments.of("loses its IP", PodChange.edit(p -> p.editStatus().withPodIP(null).endStatus()), List.of()));
    }

    @ParameterizedTest(name = "a pod that {0}")
    @MethodSource("podChanges")
    void endpointsFollowAPodThat(String description, PodChange change, List<String> expected) {
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000, 8200)));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        startPool();
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000", "vllm-0-rank-1@10.0.0.1:8200");

        change.apply(admin.pods().inNamespace(NAMESPACE).withName("vllm-0"));

        awaitEndpoints(expected.toArray(String[]::new));
    }

    @Test
    void aDeletedPodLeavesAndARoleChangeIsSeen() {
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000)));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        create(MockCluster.readyPod("vllm-1", "10.0.0.2", VLLM));
        startPool();
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000", "vllm-1-rank-0@10.0.0.2:8000");

        admin.pods().inNamespace(NAMESPACE).withName("vllm-0").delete();
        awaitEndpoints("vllm-1-rank-0@10.0.0.2:8000");

        edit("vllm-1", p -> new PodBuilder(p).editMetadata().addToLabels(Endpoint.ROLE_LABEL, "prefill").endMetadata().build());
        Await.until("vllm-1 is a prefill endpoint",
                () -> reported.get().size() == 1 && reported.get().getFirst().role().orElse("").equals("prefill"),
                reported::get);
    }

    @Test
    void podsSharingTheHostIpOnDifferentPortsAreDistinctEndpoints() {
        // llm-d P/D on one node with hostNetwork: prefill serves 8000, decode 8200, both on the node's IP.
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000, 8200)));
        create(new PodBuilder(MockCluster.readyPod("prefill-0", "192.168.1.5", Map.of("app", "vllm", Endpoint.ROLE_LABEL,
                "prefill"))).editMetadata().addToAnnotations(ActivePorts.ANNOTATION, "8000").endMetadata()
                .editSpec().withHostNetwork(true).endSpec().build());
        create(new PodBuilder(MockCluster.readyPod("decode-0", "192.168.1.5", Map.of("app", "vllm", Endpoint.ROLE_LABEL,
                "decode"))).editMetadata().addToAnnotations(ActivePorts.ANNOTATION, "8200").endMetadata()
                .editSpec().withHostNetwork(true).endSpec().build());
        startPool();

        awaitEndpoints("decode-0-rank-1@192.168.1.5:8200", "prefill-0-rank-0@192.168.1.5:8000");
        assertThat(reported.get()).extracting(e -> e.role().orElseThrow()).containsExactly("decode", "prefill");
    }

    @Test
    void poolChangesApplyWithoutRestartAndAnInvalidUpdateIsIgnored() {
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000)));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        create(MockCluster.readyPod("sgl-0", "10.0.0.3", Map.of("app", "sglang")));
        KubernetesEndpointSource source = startPool();
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000");

        replace(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000, 8001)));
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000", "vllm-0-rank-1@10.0.0.1:8001");

        // Nine ports: refused by the InferencePool API, and by Sextant if it ever arrives. The pool stays as it was.
        replace(MockCluster.pool("llama", Map.of("app", "sglang"), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        // A valid change after it proves the invalid one was seen and skipped.
        replace(MockCluster.pool("llama", Map.of("app", "sglang"), List.of(30000)));
        awaitEndpoints("sgl-0-rank-0@10.0.0.3:30000");

        admin.genericKubernetesResources(InferencePool.definition()).inNamespace(NAMESPACE).withName("llama").delete();
        awaitEndpoints();
        Await.until("the pool is no longer known", () -> !source.poolKnown().isOpen(), () -> source.poolKnown());
    }

    static Stream<Arguments> malformedPools() {
        return Stream.of(
                Arguments.of("no selector", Map.of("targetPorts", List.of(Map.of("number", 8000)),
                        "endpointPickerRef", Map.of("name", "sextant"))),
                Arguments.of("a port as a string", Map.of("selector", Map.of("matchLabels", Map.of("app", "vllm")),
                        "targetPorts", List.of(Map.of("number", "8000")), "endpointPickerRef", Map.of("name", "sextant"))),
                Arguments.of("no ports", Map.of("selector", Map.of("matchLabels", Map.of("app", "vllm")),
                        "targetPorts", List.of(), "endpointPickerRef", Map.of("name", "sextant"))),
                Arguments.of("an unknown failure mode", Map.of("selector", Map.of("matchLabels", Map.of("app", "vllm")),
                        "targetPorts", List.of(Map.of("number", 8000)),
                        "endpointPickerRef", Map.of("name", "sextant", "failureMode", "FailSometimes"))));
    }

    @ParameterizedTest(name = "a pool with {0} is reported, not fatal")
    @MethodSource("malformedPools")
    void aMalformedPoolGivesNoEndpointsAndNoReadiness(String problem, Map<String, Object> spec) {
        create(MockCluster.pool("llama", spec));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        KubernetesEndpointSource source = startPool();

        assertThat(names()).isEmpty();
        assertThat(source.poolKnown().isOpen()).isFalse();

        replace(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000)));
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000");
        assertThat(source.poolKnown().isOpen()).isTrue();
    }

    @Test
    void aMissingPoolMeansNoEndpointsUntilItIsCreated() {
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        KubernetesEndpointSource source = startPool();
        assertThat(names()).isEmpty();
        assertThat(source.poolKnown().isOpen()).isFalse();

        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000)));
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000");
        assertThat(source.poolKnown().isOpen()).isTrue();
    }

    @Test
    void standaloneSelectorModeNeedsNoPool() {
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        create(MockCluster.readyPod("other-0", "10.0.0.9", Map.of("app", "other")));
        KubernetesEndpointSource source = start(new DiscoveryTarget.Selector(NAMESPACE,
                new PodSelection(Map.of("app", "vllm"), List.of(8000, 8200))));

        assertThat(names()).containsExactly("vllm-0-rank-0@10.0.0.1:8000", "vllm-0-rank-1@10.0.0.1:8200");
        assertThat(source.poolKnown().isOpen()).isTrue();
        assertThat(source.describe()).isEqualTo("pods in llm matching app=vllm ports 8000,8200");

        edit("vllm-0", p -> new PodBuilder(p).editStatus().editFirstCondition().withStatus("False").endCondition()
                .endStatus().build());
        awaitEndpoints();
    }

    @Test
    void endpointsFollowAfterTheApiServerDropsTheWatch() {
        create(MockCluster.pool("llama", Map.of("app", "vllm"), List.of(8000)));
        create(MockCluster.readyPod("vllm-0", "10.0.0.1", VLLM));
        startPool();
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000");

        cluster.restart();
        // The informer reconnects its watch by itself; the change is seen only through the new watch.
        KubernetesClient afterRestart = cluster.client();
        afterRestart.pods().inNamespace(NAMESPACE).resource(MockCluster.readyPod("vllm-1", "10.0.0.2", VLLM)).create();
        awaitEndpoints("vllm-0-rank-0@10.0.0.1:8000", "vllm-1-rank-0@10.0.0.2:8000");
        afterRestart.pods().inNamespace(NAMESPACE).withName("vllm-0").delete();
        awaitEndpoints("vllm-1-rank-0@10.0.0.2:8000");
    }
}
