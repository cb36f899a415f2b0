package org.policyreach.models.ranking;

import java.util.Optional;

/**
 * One pair feature: its stable name, what it measures, and the reason code it can give (empty for
 * features that never become a reason).
 */
public record FeatureSpec(
    int index, String name, String description, Optional<ReasonCode> reason) {}
