/**
 * bitnami-labs/sealed-secrets' API (group {@code bitnami.com}, version {@code v1alpha1}), which
 * Keelson serves itself so that existing SealedSecret manifests keep working.
 */
package dev.keelson.api.bitnami.v1alpha1;
