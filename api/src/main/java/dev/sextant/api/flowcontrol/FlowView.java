package dev.sextant.api.flowcontrol;

/**
 * One flow (the requests of one fairness id) of a priority band, as a fairness policy sees it.
 * Valid only during the call that received it.
 */
public interface FlowView {

    /** The flow's fairness id. */
    String fairnessId();

    /** Requests waiting in the flow, &ge; 1 when a policy sees it. */
    int size();

    /** The request the flow's ordering policy would dispatch next. */
    QueuedRequest head();
}
