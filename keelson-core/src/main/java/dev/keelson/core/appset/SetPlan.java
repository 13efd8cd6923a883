package dev.keelson.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Types of the set planner's input and output. */
public final class SetPlan {
  private SetPlan() {}

  /** An app a generator asks for: its metadata and spec as rendered. */
  public record Desired(String name, int generator, JsonNode app) {}

  /** An app the set owns now; generator is the index that made it (-1 when unknown). */
  public record Live(String name, int generator, JsonNode app) {}

  /** One top-level generator's result in this pass. */
  public sealed interface Result permits Generated, Failed {
    int index();
  }

  public record Generated(int index, List<Desired> apps) implements Result {
    public Generated {
      apps = List.copyOf(apps);
    }
  }

  public record Failed(int index, String message) implements Result {}

  /** Deletions held back, and why; {@code id} digests the names, so a confirmation names exactly this plan. */
  public record Hold(String id, List<String> applications, String reason, Instant since) {
    public Hold {
      applications = List.copyOf(applications);
    }
  }

  /** A {@code keelson appset confirm} not yet acted upon: its token and the hold it confirms. */
  public record Confirmation(String token, String holdId) {}

  public record Input(List<Live> live, List<Result> results, SetPolicy policy, Optional<Hold> previousHold,
      Optional<Confirmation> confirmation, Instant now) {
    public Input {
      live = List.copyOf(live);
      results = List.copyOf(results);
    }
  }

  /**
   * What to do. {@code notes} say why something was not done (kept apps, held deletions,
   * conflicts); {@code handledConfirmation} is the token to echo once acted upon.
   */
  public record Output(List<Desired> creates, List<Desired> updates, List<String> deletes, Optional<Hold> hold,
      List<String> notes, Optional<String> handledConfirmation) {}
}
