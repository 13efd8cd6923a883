package dev.keelson.cli;

import dev.keelson.api.v1alpha1.Application;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of `app get` an operator acts upon: suspension, a rollback pin, a revision awaiting
 * approval, the sync operation. Each state that needs a command to end it names that command.
 */
final class OperatorSections {
  private OperatorSections() {}

  /** From spec, so it shows before the controller has reconciled the change. */
  static void suspended(PrintStream out, Application a) {
    if (a.getSpec() == null || !Boolean.TRUE.equals(a.getSpec().suspend)) return;
    out.printf("Suspended:   true (no syncs run)%n");
    out.printf("             resume with: keelson app resume %s%n", target(a));
  }

  static void pinned(PrintStream out, Application a) {
    var pin = a.getStatus().pinned;
    if (pin == null) return;
    out.printf("Pinned:      history %s, revision %s, by %s at %s%n",
        pin.historyId, Output.orEmpty(pin.revision), Output.orEmpty(pin.by), Output.orEmpty(pin.at));
    out.printf("             unpin with: keelson app rollback %s --clear%s%n", a.getMetadata().getName(), namespaceFlag(a));
  }

  static void pendingApproval(PrintStream out, Application a) {
    var p = a.getStatus().pendingApproval;
    if (p == null) return;
    out.printf("Approval:    %s awaits approval since %s%n", Output.orEmpty(p.revision), Output.orEmpty(p.since));
    if (p.changes != null) p.changes.forEach(c -> out.printf("               %s%n", c));
    out.printf("             approve with: keelson app approve %s%n", target(a));
  }

  static void operation(PrintStream out, Application a) {
    var op = a.getStatus().operationState;
    if (op == null) return;
    List<String> where = new ArrayList<>();
    if (op.syncPhase != null) where.add(op.syncPhase + " phase");
    if (op.wave != null) where.add("wave " + op.wave);
    out.printf("Operation:   %s%s%s%n", Output.orEmpty(op.phase),
        where.isEmpty() ? "" : " (" + String.join(", ", where) + ")",
        op.message == null ? "" : " - " + op.message);
    if (op.trigger != null || op.initiatedBy != null) {
      out.printf("Initiated:   %s%s%n", Output.orEmpty(op.trigger), op.initiatedBy == null ? "" : " by " + op.initiatedBy);
    }
    if ((op.retryCount != null && op.retryCount > 0) || op.nextRetryAt != null) {
      out.printf("Retries:     %s%s%n", op.retryCount == null ? 0 : op.retryCount,
          op.nextRetryAt == null ? "" : ", next at " + op.nextRetryAt);
    }
  }

  private static String target(Application a) {
    return a.getMetadata().getName() + namespaceFlag(a);
  }

  private static String namespaceFlag(Application a) {
    return " -n " + a.getMetadata().getNamespace();
  }
}
