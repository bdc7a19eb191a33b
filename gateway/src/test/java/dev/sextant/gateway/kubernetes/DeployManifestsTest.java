package dev.sextant.gateway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.core.config.ConfigLoader;
import dev.sextant.core.registry.EnginePluginContext;
import dev.sextant.core.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plain manifest under {@code deploy/kubernetes} parses into fabric8's typed model with no
 * field the model does not know (a misspelt key lands in "additional properties" and fails here);
 * InferencePools parse as Sextant reads them; the configuration in the ConfigMap loads.
 */
class DeployManifestsTest {
    static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml.stream();
        }
    }

    /** The YAML documents of a file, typed by fabric8. */
    static List<HasMetadata> resources(Path file) throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
                continue;
            }
            out.add(SERIALIZATION.unmarshal(doc));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void everyDocumentIsATypedResourceWithoutUnknownFields(Path file) throws IOException {
        List<HasMetadata> resources = resources(file);
        assertThat(resources).isNotEmpty();
        for (HasMetadata r : resources) {
            String where = file.getFileName() + ": " + r.getKind() + " " + r.getMetadata().getName();
            assertThat(r.getMetadata().getNamespace()).as(where).isEqualTo("llm");
            if (r instanceof GenericKubernetesResource generic) {
                assertThat(generic.getKind()).as(where + " is the only untyped kind").isEqualTo(InferencePool.KIND);
                assertThat(generic.getApiVersion()).isEqualTo(InferencePool.GROUP + "/" + InferencePool.VERSION);
                InferencePool.Spec spec = InferencePool.spec(generic);
                assertThat(spec.selection().targetPorts()).as(where).isNotEmpty();
            } else {
                assertThat(unknownFields(r, "")).as(where + ": fields the model does not know").isEmpty();
            }
        }
    }

    @Test
    void sextantManifestHasWhatTheCodeNeeds() throws IOException {
        List<HasMetadata> resources = resources(MANIFESTS.resolve("sextant.yaml"));
        assertThat(resources).extracting(HasMetadata::getClass).contains(ServiceAccount.class, Role.class,
                RoleBinding.class, ConfigMap.class, Deployment.class, Service.class);

        Role role = find(resources, Role.class);
        assertThat(verbs(role, "", "pods")).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(verbs(role, InferencePool.GROUP, InferencePool.PLURAL)).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(verbs(role, "coordination.k8s.io", "leases")).containsExactlyInAnyOrder("get", "create", "update", "patch");

        Service service = find(resources, Service.class);
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(9002, 9003, 9090);

        Deployment deployment = find(resources, Deployment.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getArgs()).contains("--pool-name=llama", "--extproc-port=9002", "--ha-enable-leader-election");
        assertThat(container.getLivenessProbe().getGrpc().getService()).isEqualTo("liveness");
        assertThat(container.getReadinessProbe().getGrpc().getService()).isEqualTo("readiness");
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");

        ConfigMap config = find(resources, ConfigMap.class);
        new ConfigLoader(PluginRegistry.withBuiltinsAndServiceLoader(), EnginePluginContext.production())
                .load(config.getData().get("config.yaml"), "sextant.yaml ConfigMap");
    }

    @Test
    void theRouteAndThePoolPointAtEachOther() throws IOException {
        HTTPRoute route = find(resources(MANIFESTS.resolve("httproute.yaml")), HTTPRoute.class);
        GenericKubernetesResource pool = find(resources(MANIFESTS.resolve("inferencepool.yaml")),
                GenericKubernetesResource.class);
        var backend = route.getSpec().getRules().getFirst().getBackendRefs().getFirst();
        assertThat(backend.getKind()).isEqualTo(InferencePool.KIND);
        assertThat(backend.getName()).isEqualTo(pool.getMetadata().getName());
        Service sextant = find(resources(MANIFESTS.resolve("sextant.yaml")), Service.class);
        assertThat(InferencePool.spec(pool).picker().name()).isEqualTo(sextant.getMetadata().getName());
    }

    @Test
    void thePrefillDecodeLayoutLabelsRolesAndTheVllmExampleSelectsItsPool() throws IOException {
        List<HasMetadata> pd = resources(MANIFESTS.resolve("llm-d-pd.yaml"));
        PodSelection pdPool = InferencePool.spec(find(pd, GenericKubernetesResource.class)).selection();
        List<String> roles = pd.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .map(d -> d.getSpec().getTemplate().getMetadata().getLabels())
                .peek(labels -> assertThat(pdPool.matches(labels)).isTrue())
                .map(labels -> labels.get("llm-d.ai/role")).toList();
        assertThat(roles).containsExactlyInAnyOrder("prefill", "decode");

        PodSelection pool = InferencePool.spec(find(resources(MANIFESTS.resolve("inferencepool.yaml")),
                GenericKubernetesResource.class)).selection();
        Deployment vllm = find(resources(MANIFESTS.resolve("vllm.yaml")), Deployment.class);
        assertThat(pool.matches(vllm.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
        assertThat(vllm.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .contains("--enable-prefix-caching")
                .anySatisfy(a -> assertThat(a).startsWith("--kv-events-config=").contains("\"topic\":\"kv@$(POD_IP):8000@"));
    }

    @Test
    void aMisspeltFieldIsFound() {
        HasMetadata typo = SERIALIZATION.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: llm}
                spec:
                  template:
                    spec:
                      containers:
                      - name: c
                        imagePullPolcy: Always
                """);
        assertThat(unknownFields(typo, "")).containsExactly(".Spec.Template.Spec.Containers[0].imagePullPolcy");
    }

    private static List<String> verbs(Role role, String group, String resource) {
        return role.getRules().stream()
                .filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
                .map(PolicyRule::getVerbs).flatMap(List::stream).toList();
    }

    private static <T> T find(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName()));
    }

    /** Paths of fields that landed in a model object's additional properties: keys the model does not know. */
    static List<String> unknownFields(Object node, String path) {
        List<String> out = new ArrayList<>();
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.addAll(unknownFields(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.addAll(unknownFields(v, path + "." + k)));
            return out;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return out;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                out.addAll(unknownFields(value, path + "." + m.getName().substring(3)));
            }
        }
        return out;
    }
}
