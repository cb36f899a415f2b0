package org.policyreach.models.ranking;

/**
 * Why a pair scored what it did: {@code logit = intercept + Σ contributions}, with {@code
 * contributions[j] = weight[j] · standardized[j]}, i.e. relative to an average pair of the training
 * data.
 */
public record Explanation(
    double score, double logit, double[] contributions, double[] standardized) {}
