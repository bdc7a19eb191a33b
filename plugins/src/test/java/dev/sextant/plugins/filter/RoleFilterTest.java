package dev.sextant.plugins.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointSnapshot;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.plugins.TestCandidates;
import dev.sextant.plugins.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleFilterTest {

    @ParameterizedTest(name = "role {0}: decode keeps {1}, prefill keeps {2}")
    @CsvSource({
            "decode, true, false",
            "prefill, false, true",
            "prefill-decode, true, true",
            "both, true, true",
            "encode-prefill, false, true",
            "encode-prefill-decode, true, true",
            "encode, false, false",
            "'', false, false",
            "<none>, true, false"})
    void followsLlmDsRoleTable(String role, boolean decodeKeeps, boolean prefillKeeps) {
        Map<String, String> labels = role.equals("<none>") ? Map.of() : Map.of(Endpoint.ROLE_LABEL, role);
        List<EndpointSnapshot> endpoints = List.of(TestCandidates.labelled(0, labels));
        assertThat(kept(RoleFilter.DECODE_TYPE, endpoints)).hasSize(decodeKeeps ? 1 : 0);
        assertThat(kept(RoleFilter.PREFILL_TYPE, endpoints)).hasSize(prefillKeeps ? 1 : 0);
    }

    private static List<EndpointSnapshot> kept(String type, List<EndpointSnapshot> endpoints) {
        var factory = type.equals(RoleFilter.DECODE_TYPE) ? RoleFilter.DECODE_FACTORY : RoleFilter.PREFILL_FACTORY;
        PluginParameters params = PluginParameters.empty();
        var filter = (RoleFilter) factory.create("f", params, TestPluginContext.seeded(1));
        assertThat(filter.type()).isEqualTo(type);
        assertThat(params.problems()).isEmpty();
        TestCandidates candidates = new TestCandidates(endpoints);
        filter.filter(new CycleState(), InferenceRequest.builder("r").build(), candidates);
        return candidates.kept();
    }
}
