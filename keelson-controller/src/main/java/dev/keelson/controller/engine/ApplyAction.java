package dev.keelson.controller.engine;

import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.ResultCode;

/**
 * What a sync did to one object, like Flux's change set: feeds status, events and CLI output.
 */
public record ApplyAction(ResourceKey key, Action action, String message) {
  public enum Action {
    Created,
    Configured,
    Unchanged,
    Pruned,
    PruneSkipped,
    /** Not written: another app manages it (and FailOnSharedResource is off). */
    Skipped,
    Failed;

    /** The result an operation keeps in status for this action. */
    public ResultCode code() {
      return switch (this) {
        case Created, Configured, Unchanged -> ResultCode.Synced;
        case Pruned -> ResultCode.Pruned;
        case PruneSkipped -> ResultCode.PruneSkipped;
        case Skipped -> ResultCode.Skipped;
        case Failed -> ResultCode.Failed;
      };
    }

    /** The word status keeps for an object that was written or found unchanged. */
    private String word() {
      return name().toLowerCase();
    }

    /**
     * The action a result in status stands for: the inverse of {@link #code()} with
     * {@link ApplyAction#recordedMessage()}, since status keeps no more than code and message.
     */
    public static Action of(ResultCode code, String message) {
      if (code == null) return Unchanged;
      return switch (code) {
        case Pruned -> Pruned;
        case PruneSkipped -> PruneSkipped;
        case Failed -> Failed;
        case Skipped -> Skipped;
        case Synced, Running, Succeeded ->
            Created.word().equals(message) ? Created : Configured.word().equals(message) ? Configured : Unchanged;
      };
    }
  }

  /** What status says of it: what was done to an object that was written, why otherwise. */
  public String recordedMessage() {
    return switch (action) {
      case Created, Configured, Unchanged -> action.word();
      default -> message;
    };
  }

  @Override
  public String toString() {
    return key + " " + action.name().toLowerCase() + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
