package dev.keelson.rollouts.canary;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What to do now: the replica counts to set and the status to record.
 *
 * @param canaryReplicas for the desired hash's ReplicaSet
 * @param stableReplicas for the stable ReplicaSet (the same one when nothing is rolling out)
 * @param promoted the desired hash becomes stable now
 * @param abortReason present when the rollout is (or just became) aborted
 * @param canaryWeight the share of the traffic (here: of the replicas) the canary is meant to have
 * @param recheckAfter when nothing in the cluster will change but time passing will (a pause duration)
 */
public record CanaryDecision(
    int canaryReplicas, int stableReplicas, int stepIndex, RolloutPhase phase, String message,
    Optional<Instant> pausedSince, boolean promoted, Optional<String> abortReason, int canaryWeight,
    Optional<Duration> recheckAfter) {}
