package org.policyreach.models.ranking;

/**
 * The share of peer firms that applied to a program family, at the finest peer level with enough
 * firms ({@code peers} of them), shrunk toward the coarser level's share.
 */
public record PeerUptake(double share, PeerLevel level, long peers) {}
