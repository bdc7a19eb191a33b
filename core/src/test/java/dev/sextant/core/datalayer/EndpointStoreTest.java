package dev.sextant.core.datalayer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import dev.sextant.api.endpoint.EndpointMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointStoreTest {
    private final EndpointStore store = new EndpointStore();
    private final Endpoint a = Endpoint.of("10.0.0.1:8000");
    private final Endpoint b = Endpoint.of("10.0.0.1:8001").withModels(Set.of("llama", "sql-lora"));

    @Test
    void reportsWhatWasAddedAndRemoved() {
        assertThat(store.setEndpoints(List.of(a, b)).added()).containsExactlyInAnyOrder(a.id(), b.id());
        EndpointStore.Membership change = store.setEndpoints(List.of(b));
        assertThat(change.added()).isEmpty();
        assertThat(change.removed()).containsExactly(a.id());
        assertThat(store.view().all()).extracting(s -> s.snapshot().id()).containsExactly(b.id());
    }

    @Test
    void changedLabelsKeepMetrics() {
        store.setEndpoints(List.of(a));
        store.update(a.id(), s -> s.succeeded(s.snapshot().withMetrics(
                EndpointMetrics.builder().waitingQueueSize(4).updatedAtNanos(1).build()), 1));
        store.setEndpoints(List.of(a.withLabels(Map.of("llm-d.ai/role", "decode"))));
        var state = store.state(a.id());
        assertThat(state.snapshot().endpoint().role()).contains("decode");
        assertThat(state.snapshot().metrics().waitingQueueSize()).isEqualTo(4);
        assertThat(state.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void viewsAreCachedUntilSomethingChanges() {
        store.setEndpoints(List.of(a, b));
        EndpointView first = store.view();
        assertThat(store.view()).isSameAs(first);
        store.update(a.id(), s -> s.failed("boom", 1, 5));
        EndpointView second = store.view();
        assertThat(second).isNotSameAs(first);
        assertThat(second.eligible()).extracting(s -> s.id()).containsExactly(b.id());
    }

    @Test
    void candidatesPerModelRespectDeclaredModels() {
        store.setEndpoints(List.of(a, b));
        EndpointView view = store.view();
        assertThat(view.candidatesFor("sql-lora")).extracting(s -> s.id()).containsExactly(a.id(), b.id());
        assertThat(view.candidatesFor("mistral")).extracting(s -> s.id()).containsExactly(a.id());
        assertThat(view.candidatesFor("mistral")).isSameAs(view.candidatesFor("mistral"));
    }

    @Test
    void aLateUpdateForARemovedEndpointIsDropped() {
        store.setEndpoints(List.of(a));
        store.setEndpoints(List.of());
        store.update(a.id(), s -> s.failed("late", 1, 1));
        assertThat(store.state(a.id())).isNull();
        assertThat(store.view().all()).isEmpty();
    }

    @Test
    void unknownIdsHaveNoState() {
        assertThat(store.state(EndpointId.parse("1.2.3.4:5"))).isNull();
    }
}
