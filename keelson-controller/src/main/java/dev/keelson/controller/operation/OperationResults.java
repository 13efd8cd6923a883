package dev.keelson.controller.operation;

import dev.keelson.api.v1alpha1.ApplicationStatus.OperationState;
import dev.keelson.api.v1alpha1.ApplicationStatus.ResourceResult;
import dev.keelson.core.model.ResourceKey;
import dev.keelson.core.sync.ResultCode;
import dev.keelson.core.sync.SyncPhase;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/** Per-object results of an operation, one entry per object and hook phase, updated in place. */
final class OperationResults {
  private OperationResults() {}

  static void record(OperationState op, ResourceKey key, String version, SyncPhase hookPhase, int wave,
      ResultCode code, String message, String at) {
    if (op.results == null) op.results = new ArrayList<>();
    ResourceResult r = find(op, key, hookPhase).orElseGet(() -> {
      ResourceResult n = new ResourceResult();
      n.group = key.group().isEmpty() ? null : key.group();
      n.kind = key.kind();
      n.namespace = key.namespace().isEmpty() ? null : key.namespace();
      n.name = key.name();
      n.hookPhase = hookPhase == null ? null : hookPhase.name();
      op.results.add(n);
      return n;
    });
    r.version = version;
    r.wave = wave;
    r.status = code.name();
    r.message = message == null || message.isBlank() ? null : message;
    r.at = at;
  }

  static Optional<ResourceResult> find(OperationState op, ResourceKey key, SyncPhase hookPhase) {
    if (op.results == null) return Optional.empty();
    String phase = hookPhase == null ? null : hookPhase.name();
    return op.results.stream()
        .filter(r -> Objects.equals(nullToEmpty(r.group), key.group()) && key.kind().equals(r.kind)
            && Objects.equals(nullToEmpty(r.namespace), key.namespace()) && key.name().equals(r.name)
            && Objects.equals(phase, r.hookPhase))
        .findFirst();
  }

  static long count(OperationState op, ResultCode code) {
    return op.results == null ? 0 : op.results.stream().filter(r -> codeOf(r) == code).count();
  }

  static ResultCode codeOf(ResourceResult r) {
    return ResultCode.of(r.status);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
