package org.policyreach.models.segment;

import java.io.Serializable;

/**
 * Quality of the clustering with {@code k} segments: mean silhouette on the seeded evaluation
 * sample (the selection criterion), Calinski–Harabasz and WCSS on the fit sample (reported).
 */
public record KScore(int k, double silhouette, double calinskiHarabasz, double wcss)
    implements Serializable {}
