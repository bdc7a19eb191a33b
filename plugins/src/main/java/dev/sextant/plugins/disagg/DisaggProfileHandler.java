package dev.sextant.plugins.disagg;

import dev.sextant.api.plugin.PluginContext;
import dev.sextant.api.plugin.PluginFactory;
import dev.sextant.api.plugin.PluginParameters;
import dev.sextant.api.request.InferenceRequest;
import dev.sextant.api.requestcontrol.HeaderMutations;
import dev.sextant.api.requestcontrol.PreRequest;
import dev.sextant.api.scheduling.CycleState;
import dev.sextant.api.scheduling.ProfileHandler;
import dev.sextant.api.scheduling.ProfileResult;
import dev.sextant.api.scheduling.ProfileResults;
import dev.sextant.api.scheduling.SchedulingProfile;
import dev.sextant.api.scheduling.SchedulingResult;
import dev.sextant.plugins.SimplePluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Prefill/decode disaggregation, as llm-d's {@code disagg-profile-handler} (formerly
 * {@code pd-profile-handler}) does it.
 *
 * <p>The decode profile always runs first; its pick is where the request goes. Then the prefill
 * decider looks at the chosen decode endpoint and decides whether a separate prefill endpoint should
 * compute the prompt; if so the prefill profile runs. If it was decided but the prefill profile found
 * no endpoint, the request fails with a message saying so rather than quietly running aggregated.
 *
 * <p>As a pre-request plugin it deletes any {@value #PREFILLER_HEADER} the request carries and sets
 * it to the prefill endpoint's {@code ip:port} when one was picked; the routing sidecar in front of
 * the decode engine reads it. Without a configured decider, requests are never disaggregated.
 */
public final class DisaggProfileHandler implements ProfileHandler, PreRequest {
    public static final String TYPE = "disagg-profile-handler";

    /** The header telling the decode endpoint's sidecar where to run the prefill leg. */
    public static final String PREFILLER_HEADER = "x-prefiller-host-port";

    public static final PluginFactory FACTORY = new SimplePluginFactory(TYPE, Set.of("pd-profile-handler"),
            "prefill/decode disaggregation: decode profile first, prefill profile when the decider says so",
            DisaggProfileHandler::create);

    private final String name;
    private final String decodeProfile;
    private final String prefillProfile;
    private final PdDecider decider;

    /**
     * A handler running {@code decodeProfile}, then {@code prefillProfile} when {@code decider}
     * (may be null: never) says so.
     */
    public DisaggProfileHandler(String name, String decodeProfile, String prefillProfile, PdDecider decider) {
        this.name = Objects.requireNonNull(name, "name");
        this.decodeProfile = Objects.requireNonNull(decodeProfile, "decodeProfile");
        this.prefillProfile = Objects.requireNonNull(prefillProfile, "prefillProfile");
        this.decider = decider;
    }

    private static DisaggProfileHandler create(String name, PluginParameters params, PluginContext context) {
        DisaggSettings settings = DisaggSettings.read(params);
        PdDecider decider = null;
        if (settings.prefillDecider().isPresent()) {
            String deciderName = settings.prefillDecider().get();
            decider = context.plugin(deciderName, PdDecider.class).orElse(null);
            params.check(decider != null, "deciders.prefill", deciderName,
                    "the name of a P/D decider plugin listed before this handler (types "
                            + PrefixBasedPdDecider.TYPE + ", " + AlwaysDisaggPdDecider.TYPE + ")");
        }
        return new DisaggProfileHandler(name, settings.decodeProfile(), settings.prefillProfile(), decider);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String toString() {
        return TYPE + "{name=" + name + ", decode=" + decodeProfile + ", prefill=" + prefillProfile + ", decider="
                + (decider == null ? "none" : decider.name()) + '}';
    }

    @Override
    public List<SchedulingProfile> pick(CycleState state, InferenceRequest request,
            Map<String, SchedulingProfile> profiles, ProfileResults results) {
        if (results.isEmpty()) {
            SchedulingProfile decode = profiles.get(decodeProfile);
            return decode == null ? List.of() : List.of(decode);
        }
        ProfileResult.Picked decode = results.picked(decodeProfile);
        if (decode == null || decider == null || results.containsKey(prefillProfile)) {
            return List.of();
        }
        SchedulingProfile prefill = profiles.get(prefillProfile);
        if (prefill == null || !decider.disaggregate(state, request, decode.primary())) {
            return List.of();
        }
        return List.of(prefill);
    }

    @Override
    public SchedulingResult processResults(CycleState state, InferenceRequest request, ProfileResults results) {
        ProfileResult decode = results.get(decodeProfile);
        if (!(decode instanceof ProfileResult.Picked)) {
            return decodeFailure(decode);
        }
        if (results.get(prefillProfile) instanceof ProfileResult.Failed failed) {
            return new SchedulingResult.Unschedulable(SchedulingResult.Reason.PROFILE_FAILED,
                    "prefill was decided for this request but profile '" + prefillProfile
                            + "' found no prefill endpoint: " + failed.message());
        }
        return new SchedulingResult.Scheduled(decodeProfile, results);
    }

    private SchedulingResult decodeFailure(ProfileResult decode) {
        if (decode instanceof ProfileResult.Failed failed) {
            return new SchedulingResult.Unschedulable(switch (failed.reason()) {
                case ALL_FILTERED -> SchedulingResult.Reason.NO_ENDPOINT_AFTER_FILTERS;
                case PICKER_FAILED -> SchedulingResult.Reason.INTERNAL_ERROR;
            }, "no decode endpoint: " + failed.message());
        }
        return new SchedulingResult.Unschedulable(SchedulingResult.Reason.PROFILE_FAILED,
                "decode profile '" + decodeProfile + "' did not run");
    }

    @Override
    public void preRequest(CycleState state, InferenceRequest request, SchedulingResult.Scheduled result,
            HeaderMutations headers) {
        headers.remove(PREFILLER_HEADER);
        ProfileResult.Picked prefill = result.picked(prefillProfile);
        if (prefill != null) {
            headers.set(PREFILLER_HEADER, prefill.primary().id().toString());
        }
    }

    @Override
    public List<String> checkProfiles(Set<String> profileNames) {
        List<String> problems = new ArrayList<>();
        if (!profileNames.contains(decodeProfile)) {
            problems.add("no profile named '" + decodeProfile + "' (expected: the decode profile, one of "
                    + profileNames + ", or profiles.decode naming it)");
        }
        if (decider != null && !profileNames.contains(prefillProfile)) {
            problems.add("decider '" + decider.name() + "' is configured but there is no profile named '"
                    + prefillProfile + "' (expected: the prefill profile, or profiles.prefill naming it)");
        }
        for (String profile : profileNames) {
            if (!profile.equals(decodeProfile) && !profile.equals(prefillProfile)) {
                problems.add("profile '" + profile + "' is never run (expected: only '" + decodeProfile + "' and '"
                        + prefillProfile + "')");
            }
        }
        return problems;
    }
}
