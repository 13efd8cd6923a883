/**
 * Environment promotion (group {@code keelson.dev}, version {@code v1alpha1}): the
 * PromotionPipeline, ordered stages (each an Application) and what moves from one to the next,
 * with Kargo's vocabulary where it has one (stage, freight, promotion, verification, soak).
 */
package dev.keelson.api.promotion.v1alpha1;
