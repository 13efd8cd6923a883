package dev.keelson.server.view;

import dev.keelson.api.v1alpha1.ApplicationStatus;

/**
 * The operation running or last run (null when none ran), what awaits approval, and the pin of a
 * rollback.
 */
public record OperationView(ApplicationStatus.OperationState operation, ApplicationStatus.PendingApproval pendingApproval,
    ApplicationStatus.Pin pinned) {}
