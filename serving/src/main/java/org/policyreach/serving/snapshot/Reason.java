package org.policyreach.serving.snapshot;

/** One reason of a recommendation or target: a stable code and its Japanese message. */
public record Reason(String code, String message) {}
