package dev.keelson.controller.promotion;

import dev.keelson.api.promotion.v1alpha1.PromotionPipelineStatus;
import dev.keelson.automation.promotion.Freight;

/** Freight between the decision's type and the status' fields. */
final class FreightView {
  private FreightView() {}

  static PromotionPipelineStatus.Freight toStatus(Freight f) {
    if (f == null) return null;
    PromotionPipelineStatus.Freight s = new PromotionPipelineStatus.Freight();
    s.revision = f.revision();
    s.images = f.images().isEmpty() ? null : new java.util.TreeMap<>(f.images());
    s.values = f.values().isEmpty() ? null : new java.util.TreeMap<>(f.values());
    return s;
  }

  static Freight of(PromotionPipelineStatus.Freight s) {
    return s == null ? null : Freight.of(s.revision, s.images, s.values);
  }
}
