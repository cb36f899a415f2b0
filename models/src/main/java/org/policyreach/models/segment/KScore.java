package org.policyreach.models.segment;

import java.io.Serializable;

/**
 * Quality of the clustering with {@code k} segments on the seeded evaluation sample: mean
 * silhouette (the selection criterion), Calinski–Harabasz and within-cluster sum of squares
 * (reported).
 */
public record KScore(int k, double silhouette, double calinskiHarabasz, double wcss)
    implements Serializable {}
