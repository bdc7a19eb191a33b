package dev.sextant.plugins.disagg;

import dev.sextant.api.plugin.PluginParameters;
import java.util.List;
import java.util.Optional;

/**
 * The parameters of a {@link DisaggProfileHandler}, read from either of llm-d's two formats: the
 * nested one ({@code profiles.decode}, {@code profiles.prefill}, {@code deciders.prefill}) or the
 * older flat one of {@code pd-profile-handler} ({@code decodeProfile}, {@code prefillProfile},
 * {@code deciderPluginName} or {@code prefillDeciderPluginName}). Mixing the two is a problem, as in
 * llm-d.
 *
 * @param decodeProfile the profile that picks the decode endpoint, {@code decode} by default
 * @param prefillProfile the profile that picks the prefill endpoint, {@code prefill} by default
 * @param prefillDecider the name of the decider plugin; absent turns disaggregation off
 */
record DisaggSettings(String decodeProfile, String prefillProfile, Optional<String> prefillDecider) {
    static final String DEFAULT_DECODE_PROFILE = "decode";
    static final String DEFAULT_PREFILL_PROFILE = "prefill";

    private static final List<String> FLAT_KEYS = List.of("decodeProfile", "prefillProfile", "deciderPluginName",
            "prefillDeciderPluginName", "prefixPluginType", "prefixPluginName", "primaryPort");

    /** Reads the settings, recording every problem in {@code params}. */
    static DisaggSettings read(PluginParameters params) {
        boolean nested = params.has("profiles") || params.has("deciders");
        boolean flat = FLAT_KEYS.stream().anyMatch(params::has);
        if (nested && flat) {
            params.problem("parameters", "mixes the nested format (profiles, deciders) with the flat one "
                    + FLAT_KEYS + " (expected: one format or the other)");
        }
        return flat && !nested ? readFlat(params) : readNested(params);
    }

    private static DisaggSettings readNested(PluginParameters params) {
        PluginParameters profiles = params.object("profiles");
        String decode = profiles.string("decode", DEFAULT_DECODE_PROFILE);
        String prefill = profiles.string("prefill", DEFAULT_PREFILL_PROFILE);
        PluginParameters deciders = params.object("deciders");
        Optional<String> decider = deciders.string("prefill");
        return checked(params, decode, prefill, decider);
    }

    private static DisaggSettings readFlat(PluginParameters params) {
        String decode = params.string("decodeProfile", DEFAULT_DECODE_PROFILE);
        String prefill = params.string("prefillProfile", DEFAULT_PREFILL_PROFILE);
        Optional<String> decider = params.string("prefillDeciderPluginName");
        Optional<String> legacyDecider = params.string("deciderPluginName");
        if (decider.isEmpty()) {
            decider = legacyDecider;
        }
        // pd-profile-handler's prefix plugin names served its own prefix lookup; the decider reads the
        // cycle state instead, so they are accepted and have no effect.
        params.string("prefixPluginType");
        params.string("prefixPluginName");
        int primaryPort = params.integer("primaryPort", 0);
        params.check(primaryPort == 0, "primaryPort", primaryPort,
                "0: data-parallel port rewriting is not supported by Sextant");
        return checked(params, decode, prefill, decider);
    }

    private static DisaggSettings checked(PluginParameters params, String decode, String prefill,
            Optional<String> decider) {
        params.check(!decode.isBlank(), "profiles.decode", decode, "a profile name");
        params.check(!prefill.isBlank(), "profiles.prefill", prefill, "a profile name");
        params.check(!decode.equals(prefill), "profiles.prefill", prefill,
                "a profile other than the decode profile '" + decode + "'");
        return new DisaggSettings(decode, prefill, decider.filter(d -> !d.isBlank()));
    }
}
