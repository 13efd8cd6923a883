package dev.keelson.core.health;

import java.util.Map;

/**
 * Health rule for one kind. Each implementation follows Argo CD's built-in check for that kind
 * (gitops-engine {@code pkg/health}), which in turn mirrors {@code kubectl rollout status}, so
 * that "Healthy" means the same thing users already know.
 */
sealed interface HealthCheck
    permits ApplicationHealth,
        ExternalSecretsHealth,
        DeploymentHealth,
        StatefulSetHealth,
        DaemonSetHealth,
        ReplicaSetHealth,
        PodHealth,
        JobHealth,
        ServiceHealth,
        IngressHealth,
        PersistentVolumeClaimHealth,
        CustomResourceDefinitionHealth,
        NamespaceHealth,
        ApiServiceHealth,
        SealedSecretHealth,
        RolloutHealth,
        ExpressionHealthCheck,
        GenericHealth {

  /** @param object a live object (never null) as JSON model */
  Health check(Map<String, Object> object);
}
