/**
 * Sealed Secrets (bitnami-labs/sealed-secrets), compatible with kubeseal and the upstream
 * controller: the hybrid RSA-OAEP / AES-256-GCM blob ({@link dev.keelson.secrets.sealed.HybridCipher}),
 * scopes bound into the OAEP label ({@link dev.keelson.secrets.sealed.SealingScope}), keys and
 * their tls Secrets, and SealedSecret to Secret in both directions. Pure: no client, no I/O.
 */
package dev.keelson.secrets.sealed;
