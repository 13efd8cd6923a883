package dev.keelson.rollouts.analysis;

import dev.keelson.api.rollouts.v1alpha1.AnalysisMetric;
import dev.keelson.api.rollouts.v1alpha1.AnalysisRun;
import dev.keelson.api.rollouts.v1alpha1.Measurement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code job} provider (Argo Rollouts'): each measurement is a Kubernetes Job made from the
 * metric's {@code job.metadata} and {@code job.spec}, owned by the AnalysisRun (so it goes with
 * it). The measurement is Successful when the Job completes and Failed when it fails; until then
 * it is not taken yet. Job names are {@code <run>-<metric>-<n>}, shortened with a hash to fit 63
 * characters, so a restarted controller finds the Job it started.
 */
final class JobProvider {
  static final String RUN_LABEL = "analysisrun.keelson.dev/name";
  static final String METRIC_LABEL = "analysisrun.keelson.dev/metric";
  private static final int MAX_NAME = 63;
  private final KubernetesClient client;

  JobProvider(KubernetesClient client) {
    this.client = client;
  }

  /** The measurement numbered {@code index} (from 0): empty while its Job runs; the Job is created when missing. */
  Optional<Measurement> measure(AnalysisRun run, AnalysisMetric metric, int index, Instant now) {
    String ns = run.getMetadata().getNamespace();
    String name = jobName(run.getMetadata().getName(), metric.name, index + 1);
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    if (job == null) {
      create(run, metric, name);
      return Optional.empty();
    }
    Optional<JobCondition> done = conditions(job).stream()
        .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
        .findFirst();
    if (done.isEmpty()) return Optional.empty();
    Measurement m = new Measurement();
    m.startedAt = job.getMetadata().getCreationTimestamp();
    m.finishedAt = now.toString();
    if ("Complete".equals(done.get().getType())) {
      m.phase = MeasurementPhase.Successful.name();
      m.message = "Job " + name + " completed";
    } else {
      m.phase = MeasurementPhase.Failed.name();
      m.message = "Job " + name + " failed" + (done.get().getReason() == null ? "" : ": " + done.get().getReason())
          + (done.get().getMessage() == null ? "" : " (" + done.get().getMessage() + ")");
    }
    return Optional.of(m);
  }

  private void create(AnalysisRun run, AnalysisMetric metric, String name) {
    Map<String, Object> written = metric.provider.job;
    Object spec = written.get("spec");
    if (!(spec instanceof Map)) throw new IllegalArgumentException("metric " + metric.name + ": job.spec is required");
    var serialization = client.getKubernetesSerialization();
    JobSpec jobSpec = serialization.unmarshal(serialization.asJson(spec), JobSpec.class);
    ObjectMeta meta = written.get("metadata") instanceof Map<?, ?> m
        ? serialization.unmarshal(serialization.asJson(m), ObjectMeta.class) : new ObjectMeta();
    Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.put(RUN_LABEL, run.getMetadata().getName());
    labels.put(METRIC_LABEL, labelValue(metric.name));
    Job job = new Job();
    job.setMetadata(new ObjectMeta());
    job.getMetadata().setName(name);
    job.getMetadata().setNamespace(run.getMetadata().getNamespace());
    job.getMetadata().setLabels(labels);
    job.getMetadata().setAnnotations(meta.getAnnotations());
    job.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(run.getApiVersion()).withKind(run.getKind()).withName(run.getMetadata().getName())
        .withUid(run.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build()));
    job.setSpec(jobSpec);
    try {
      client.resource(job).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) return; // created by an earlier pass the read did not show yet
      if (e.getCode() == 422 || e.getCode() == 400) {
        throw new IllegalArgumentException("metric " + metric.name + ": the Job is invalid: " + e.getStatus().getMessage());
      }
      throw e;
    }
  }

  private static List<JobCondition> conditions(Job job) {
    return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of() : job.getStatus().getConditions();
  }

  static String jobName(String run, String metric, int n) {
    String name = (run + "-" + metric + "-" + n).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    if (name.length() <= MAX_NAME) return name;
    String suffix = "-" + hash(name) + "-" + n;
    return name.substring(0, MAX_NAME - suffix.length()).replaceAll("[.-]+$", "") + suffix;
  }

  private static String labelValue(String metric) {
    String v = metric.replaceAll("[^A-Za-z0-9._-]", "-");
    return v.length() <= MAX_NAME ? v : v.substring(0, MAX_NAME);
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
