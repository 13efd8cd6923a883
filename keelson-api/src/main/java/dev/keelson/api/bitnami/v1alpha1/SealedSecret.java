package dev.keelson.api.bitnami.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * bitnami-labs/sealed-secrets' SealedSecret, served by Keelson under the upstream group and
 * version so that manifests written for the upstream controller (kubeseal output) apply
 * unchanged. The annotation and label names below are upstream's contract.
 */
@Group(SealedSecret.GROUP)
@Version(SealedSecret.VERSION)
@Kind(SealedSecret.KIND)
@Plural("sealedsecrets")
@Singular("sealedsecret")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[0].message", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Synced", jsonPath = ".status.conditions[0].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class SealedSecret extends CustomResource<SealedSecretSpec, SealedSecretStatus> implements Namespaced {
  public static final String GROUP = "bitnami.com";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "SealedSecret";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CRD_NAME = "sealedsecrets.bitnami.com";

  private static final String PREFIX = "sealedsecrets.bitnami.com/";
  /** On the SealedSecret: sealed for its namespace only; any name there opens it. */
  public static final String NAMESPACE_WIDE_ANNOTATION = PREFIX + "namespace-wide";
  /** On the SealedSecret: sealed for any namespace and name. */
  public static final String CLUSTER_WIDE_ANNOTATION = PREFIX + "cluster-wide";
  /** On an existing Secret: the SealedSecret may take it over (replace it and own it). */
  public static final String MANAGED_ANNOTATION = PREFIX + "managed";
  /** On an existing Secret: the SealedSecret's keys are patched into it instead of replacing it. */
  public static final String PATCH_ANNOTATION = PREFIX + "patch";
  /** In spec.template: the Secret gets no ownerReference (it outlives its SealedSecret). */
  public static final String SKIP_SET_OWNER_REFERENCES_ANNOTATION = PREFIX + "skip-set-owner-references";
  /** Label of the key Secrets; value {@link #KEY_ACTIVE}. */
  public static final String KEY_LABEL = PREFIX + "sealed-secrets-key";
  public static final String KEY_ACTIVE = "active";

  @Override
  protected SealedSecretSpec initSpec() {
    return new SealedSecretSpec();
  }
}
