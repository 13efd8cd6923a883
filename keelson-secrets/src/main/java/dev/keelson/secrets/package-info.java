/**
 * Secrets that never sit in Git in clear. {@code sops}: SOPS files (YAML, JSON, dotenv, binary)
 * whose data key is wrapped by age or OpenPGP, decrypted and encrypted byte-compatibly with sops
 * 3.x. {@code sealed}: Sealed Secrets' hybrid RSA-OAEP / AES-GCM format, keys and certificates.
 * Pure: no Kubernetes client, no files read behind the caller's back.
 */
package dev.keelson.secrets;
