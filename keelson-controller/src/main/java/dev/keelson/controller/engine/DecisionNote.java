package dev.keelson.controller.engine;

import dev.keelson.api.v1alpha1.ApplicationStatus.PendingApproval;
import dev.keelson.controller.app.OperatorRequest;
import dev.keelson.core.sync.OperationPhase;
import java.time.Instant;

/**
 * What a decision says besides whether an operation starts: each is written into the
 * {@link Ledger} by {@link Ledger#record}, in the order the decision made them (the order of the
 * audit trail and of events).
 */
sealed interface DecisionNote {
  /** The running operation ends here (terminated or superseded). */
  record Stop(OperationPhase phase, String message) implements DecisionNote {}

  /** The running operation is held where it is (suspended). */
  record Pause(String message) implements DecisionNote {}

  record Audit(String action, OperatorRequest by, String revision, String result, String message)
      implements DecisionNote {}

  record Event(boolean warning, String reason, String message) implements DecisionNote {}

  record Gate(String reason, String message, boolean stalled) implements DecisionNote {}

  record Pending(PendingApproval approval) implements DecisionNote {}

  /** When the decision may change by itself. */
  record NextLook(Instant at) implements DecisionNote {}
}
