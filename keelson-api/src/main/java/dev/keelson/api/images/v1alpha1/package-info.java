/**
 * Image update automation (group {@code keelson.dev}, version {@code v1alpha1}): ImageRepository,
 * ImagePolicy and ImageUpdateAutomation with Flux's field names, so that an
 * {@code image.toolkit.fluxcd.io} manifest works after changing only its apiVersion (and a
 * {@code sourceRef} of kind GitRepository becoming an Application or a {@code url}).
 */
package dev.keelson.api.images.v1alpha1;
