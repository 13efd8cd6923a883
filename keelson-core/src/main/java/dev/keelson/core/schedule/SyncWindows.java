package dev.keelson.core.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The sync windows of an Application and whether they let a sync through at a given instant.
 *
 * <p>Automated syncs are blocked while any deny window is active, and, when there are allow
 * windows, while none of them is active. A manual sync gets through what would block an automated
 * one when every active deny window has manualSync, and the allow windows are satisfied: there are
 * none, one is active, or one has manualSync. (Argo CD lets a manual sync through active manualSync
 * deny windows even outside every allow window; here the allow windows still apply.)
 */
public final class SyncWindows {

  /**
   * What the windows say about a sync.
   *
   * @param allowed whether the sync may run now
   * @param message why, naming the deciding windows and, when blocked, until when
   * @param nextChange the earliest instant at which the verdict may be different, for scheduling
   *     the next look; never later than the real change, sometimes earlier (then the verdict is
   *     simply the same on the next look); null when it can never change
   */
  public record Verdict(boolean allowed, String message, Instant nextChange) {
    public Verdict {
      Objects.requireNonNull(message, "message");
    }
  }

  public static final SyncWindows NONE = new SyncWindows(List.of());

  /**
   * How many consecutive openings are chained when following a stretch of overlapping windows (a
   * window whose duration is longer than its period is active for ever). Past this the verdict says
   * "at least" and the caller looks again at the end of what was followed.
   */
  static final int MAX_CHAINED_OPENINGS = 100;

  private final List<SyncWindowSpec> specs;
  private final List<SyncWindow> windows;

  private SyncWindows(List<SyncWindowSpec> specs) {
    this.specs = List.copyOf(specs);
    this.windows = this.specs.stream().map(SyncWindow::new).toList();
  }

  public static SyncWindows of(List<SyncWindowSpec> specs) {
    return specs.isEmpty() ? NONE : new SyncWindows(specs);
  }

  /** These windows and {@code more} (a project's, shared by its apps), judged together. */
  public SyncWindows plus(List<SyncWindowSpec> more) {
    if (more.isEmpty()) return this;
    List<SyncWindowSpec> all = new ArrayList<>(specs);
    all.addAll(more);
    return of(all);
  }

  public static SyncWindows of(SyncWindowSpec... specs) {
    return of(List.of(specs));
  }

  public List<SyncWindowSpec> specs() {
    return specs;
  }

  public boolean isEmpty() {
    return specs.isEmpty();
  }

  /**
   * @param now the instant to judge
   * @param manual true for a sync an operator asked for, false for an automated one
   */
  public Verdict evaluate(Instant now, boolean manual) {
    if (windows.isEmpty()) {
      return new Verdict(true, "no sync windows", null);
    }
    List<SyncWindow> denies = select(SyncWindow::isDeny);
    List<SyncWindow> allows = select(w -> !w.isDeny());
    // In a manual sync, deny windows with manualSync step aside, and an allow window with
    // manualSync lifts the requirement to be inside an allow window.
    Predicate<SyncWindow> blocks = w -> !manual || !w.spec().manualSync();
    List<SyncWindow> blockingDenies = denies.stream().filter(blocks).toList();
    List<SyncWindow> manualAllows =
        manual ? allows.stream().filter(w -> w.spec().manualSync()).toList() : List.of();
    boolean allowWindowRequired = !allows.isEmpty() && manualAllows.isEmpty();

    List<SyncWindow> activeDenies = active(denies, now);
    List<SyncWindow> activeBlockingDenies = activeDenies.stream().filter(blocks).toList();
    if (!activeBlockingDenies.isEmpty()) {
      return blockedByDeny(activeBlockingDenies, blockingDenies, now, manual);
    }
    List<SyncWindow> activeAllows = active(allows, now);
    if (allowWindowRequired && activeAllows.isEmpty()) {
      return outsideAllowWindows(allows, now, manual);
    }

    // Allowed until a blocking deny window opens or, when an allow window is required, the
    // stretch of active allow windows ends.
    Instant nextChange = earliestOpening(blockingDenies, now).map(Opening::at).orElse(null);
    if (allowWindowRequired) {
      nextChange = earlier(nextChange, stretch(allows, now).end());
    }
    return new Verdict(
        true, allowedMessage(activeDenies, activeAllows, allows, manualAllows), nextChange);
  }

  private static Verdict blockedByDeny(
      List<SyncWindow> activeBlocking, List<SyncWindow> blocking, Instant now, boolean manual) {
    // Nothing but the end of every blocking deny window can lift the block, so follow the stretch
    // during which one of them is active, however the windows chain and overlap.
    Stretch stretch = stretch(blocking, now);
    String message =
        "blocked by "
            + names(activeBlocking)
            + (stretch.complete() ? " until " : " until at least ")
            + stretch.end()
            + (manual ? " (manualSync is off)" : "");
    return new Verdict(false, message, stretch.end());
  }

  private static Verdict outsideAllowWindows(List<SyncWindow> allows, Instant now, boolean manual) {
    Optional<Opening> next = earliestOpening(allows, now);
    String message =
        "outside every allow window; "
            + next.map(o -> "next opens at " + o.at() + " (" + o.window().spec().describe() + ")")
                .orElse("none opens again")
            + (manual ? "; no allow window has manualSync" : "");
    return new Verdict(false, message, next.map(Opening::at).orElse(null));
  }

  private static String allowedMessage(
      List<SyncWindow> activeDenies,
      List<SyncWindow> activeAllows,
      List<SyncWindow> allows,
      List<SyncWindow> manualAllows) {
    List<String> reasons = new ArrayList<>();
    // Reaching here with an active deny window means a manual sync let through by manualSync.
    if (!activeDenies.isEmpty()) {
      reasons.add(names(activeDenies) + " active, manualSync lets manual syncs through");
    }
    if (!activeAllows.isEmpty()) {
      reasons.add("inside " + names(activeAllows));
    } else if (!allows.isEmpty()) {
      reasons.add(
          "outside every allow window, manualSync on "
              + names(manualAllows)
              + " lets manual syncs through");
    }
    return reasons.isEmpty() ? "no deny window active" : String.join("; ", reasons);
  }

  private List<SyncWindow> select(Predicate<SyncWindow> p) {
    return windows.stream().filter(p).toList();
  }

  private static List<SyncWindow> active(List<SyncWindow> windows, Instant t) {
    return windows.stream().filter(w -> w.isActive(t)).toList();
  }

  private static String names(List<SyncWindow> windows) {
    return windows.stream().map(w -> w.spec().describe()).collect(Collectors.joining(" and "));
  }

  private record Opening(SyncWindow window, Instant at) {}

  private static Optional<Opening> earliestOpening(List<SyncWindow> windows, Instant t) {
    return windows.stream()
        .flatMap(w -> w.nextOpening(t).map(at -> new Opening(w, at)).stream())
        .min(Comparator.comparing(Opening::at));
  }

  /**
   * End of the stretch from {@code from} on during which at least one of {@code windows} is active
   * (just {@code from} when none is).
   *
   * @param complete false when the stretch was followed only up to {@link #MAX_CHAINED_OPENINGS}
   *     and may last longer
   */
  private record Stretch(Instant end, boolean complete) {}

  private static Stretch stretch(List<SyncWindow> windows, Instant from) {
    Instant end = from;
    for (int i = 0; i < MAX_CHAINED_OPENINGS; i++) {
      Instant t = end;
      // activeUntil is strictly after t for an active window, so every round moves forward.
      Optional<Instant> further =
          windows.stream().flatMap(w -> w.activeUntil(t).stream()).max(Comparator.naturalOrder());
      if (further.isEmpty()) {
        return new Stretch(end, true);
      }
      end = further.get();
    }
    return new Stretch(end, false);
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isBefore(b) ? a : b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyncWindows other && specs.equals(other.specs);
  }

  @Override
  public int hashCode() {
    return specs.hashCode();
  }

  @Override
  public String toString() {
    return "SyncWindows" + specs;
  }
}
