package dev.keelson.controller.sealed;

/**
 * Where the controller publishes the certificate of its newest sealing key: a ConfigMap in the
 * key namespace, readable by anyone who may seal (`keelson seal --fetch-cert`) without access to
 * the key Secrets themselves.
 */
public final class PublishedCertificate {
  public static final String CONFIG_MAP = "sealed-secrets-cert";
  /** The PEM certificate, as upstream serves it at /v1/cert.pem. */
  public static final String KEY = "cert.pem";
  /** The name of the key Secret it belongs to, for operators. */
  public static final String KEY_NAME = "key";

  private PublishedCertificate() {}
}
