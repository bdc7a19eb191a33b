package dev.sextant.core.scheduling;

/** The places where the engine calls plugins; {@link #label()} is GIE's name, used as a metric label. */
public enum ExtensionPoint {
    FILTER("Filter"),
    SCORER("Scorer"),
    PICKER("Picker"),
    PROFILE_PICK("ProfilePicker"),
    PROFILE_RESULTS("ProcessProfilesResults"),
    PREPARE_DATA("PrepareData"),
    ADMISSION("AdmitRequest"),
    PRE_REQUEST("PreRequest"),
    RESPONSE_RECEIVED("ResponseReceived"),
    RESPONSE_STREAMING("ResponseStreaming"),
    RESPONSE_COMPLETE("ResponseComplete");

    private final String label;

    ExtensionPoint(String label) {
        this.label = label;
    }

    /** GIE's name for this extension point. */
    public String label() {
        return label;
    }
}
