/**
 * Progressive delivery (group {@code keelson.dev}, version {@code v1alpha1}): Rollout,
 * AnalysisTemplate, ClusterAnalysisTemplate and AnalysisRun with Argo Rollouts' field names, so
 * that an {@code argoproj.io/v1alpha1} manifest works after changing only its apiVersion.
 */
package dev.keelson.api.rollouts.v1alpha1;
