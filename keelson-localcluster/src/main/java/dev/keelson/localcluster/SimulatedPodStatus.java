package dev.keelson.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the kubelet would report for a pod bound to the simulated node. Pure: it decides from the
 * pod alone, so the simulator can compare before writing and never patch a status twice.
 */
final class SimulatedPodStatus {

  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";

  private SimulatedPodStatus() {
  }

  /** The outcome a pod is simulated towards. */
  record Target(String phase, boolean ready, int exitCode) {

    boolean terminal() {
      return !RUNNING.equals(phase);
    }
  }

  static Target target(Pod pod) {
    Map<String, String> annotations = Optional.ofNullable(pod.getMetadata().getAnnotations()).orElse(Map.of());
    String exitAnnotation = annotations.get(NodeSimulator.SIMULATE_EXIT_CODE);
    // Job pods (and pods that ask for an exit code) run to completion; everything else serves forever
    boolean held = "true".equalsIgnoreCase(annotations.getOrDefault(NodeSimulator.SIMULATE_HOLD, "").trim());
    if ((ownedByJob(pod) || exitAnnotation != null) && !held) {
      int exitCode = parseExitCode(exitAnnotation);
      return new Target(exitCode == 0 ? SUCCEEDED : FAILED, false, exitCode);
    }
    boolean ready = !"false".equalsIgnoreCase(annotations.getOrDefault(NodeSimulator.SIMULATE_READY, "true").trim());
    return new Target(RUNNING, ready, 0);
  }

  /** The status to write, or empty when the pod already shows the target (or is finished). */
  static Optional<PodStatus> update(Pod pod, String hostIp, Supplier<String> podIps, Instant now) {
    PodStatus current = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
    if (SUCCEEDED.equals(current.getPhase()) || FAILED.equals(current.getPhase())) {
      return Optional.empty(); // a kubelet never moves a pod out of a terminal phase
    }
    Target target = target(pod);
    if (shows(pod, current, target)) {
      return Optional.empty();
    }
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String podIp = current.getPodIP() != null ? current.getPodIP() : podIps.get();
    String reason = target.terminal() ? "PodCompleted" : target.ready() ? null : "ContainersNotReady";
    List<PodCondition> conditions = List.of(
        condition(current, "Initialized", true, target.terminal() ? "PodCompleted" : null, time),
        condition(current, "Ready", target.ready(), reason, time),
        condition(current, "ContainersReady", target.ready(), reason, time),
        condition(current, "PodScheduled", true, null, time));
    String started = current.getStartTime() != null ? current.getStartTime() : time;
    List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
        .map(c -> containerStatus(pod, c, target, started, time)).toList();
    List<ContainerStatus> initContainers = Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of())
        .stream().map(c -> completedInit(pod, c, started)).toList();
    return Optional.of(new PodStatusBuilder()
        .withPhase(target.phase())
        .withConditions(conditions)
        .withHostIP(hostIp)
        .withPodIP(podIp)
        .withPodIPs(new PodIP(podIp))
        .withStartTime(started)
        .withQosClass(current.getQosClass())
        .withContainerStatuses(containers)
        .withInitContainerStatuses(initContainers)
        .build());
  }

  private static boolean shows(Pod pod, PodStatus current, Target target) {
    if (!target.phase().equals(current.getPhase()) || current.getPodIP() == null) {
      return false;
    }
    List<ContainerStatus> statuses = Optional.ofNullable(current.getContainerStatuses()).orElse(List.of());
    boolean containersMatch = statuses.size() == pod.getSpec().getContainers().size()
        && statuses.stream().allMatch(s -> Objects.equals(s.getReady(), target.ready()));
    return containersMatch && conditionIs(current, "Ready", target.ready());
  }

  private static boolean conditionIs(PodStatus status, String type, boolean value) {
    return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
        .anyMatch(c -> type.equals(c.getType()) && (value ? "True" : "False").equals(c.getStatus()));
  }

  private static PodCondition condition(PodStatus current, String type, boolean value, String reason, String now) {
    // keep the transition time when the value does not change, as the kubelet does
    String transition = conditionIs(current, type, value)
        ? current.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
            .map(PodCondition::getLastTransitionTime).orElse(now)
        : now;
    return new PodConditionBuilder().withType(type).withStatus(value ? "True" : "False")
        .withReason(reason).withLastTransitionTime(transition).build();
  }

  private static ContainerStatus containerStatus(Pod pod, Container c, Target target, String started, String now) {
    ContainerState state = target.terminal()
        ? new ContainerStateBuilder().withNewTerminated()
            .withExitCode(target.exitCode())
            .withReason(target.exitCode() == 0 ? "Completed" : "Error")
            .withStartedAt(started).withFinishedAt(now)
            .withContainerID(containerId(pod, c))
            .endTerminated().build()
        : new ContainerStateBuilder().withNewRunning().withStartedAt(started).endRunning().build();
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID("")
        .withContainerID(containerId(pod, c))
        .withReady(target.ready())
        .withStarted(!target.terminal())
        .withRestartCount(0)
        .withState(state)
        .build();
  }

  private static ContainerStatus completedInit(Pod pod, Container c, String started) {
    return new ContainerStatusBuilder()
        .withName(c.getName()).withImage(c.getImage()).withImageID("")
        .withContainerID(containerId(pod, c)).withReady(true).withRestartCount(0)
        .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
        .withStartedAt(started).withFinishedAt(started).endTerminated().endState()
        .build();
  }

  private static String containerId(Pod pod, Container c) {
    return "simulated://" + pod.getMetadata().getUid() + "/" + c.getName();
  }

  private static boolean ownedByJob(Pod pod) {
    return Optional.ofNullable(pod.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
        .anyMatch(o -> "Job".equals(o.getKind()) && o.getApiVersion() != null && o.getApiVersion().startsWith("batch/"));
  }

  private static int parseExitCode(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      // a typo in a test manifest should fail visibly, not pass as success
      return 1;
    }
  }
}
