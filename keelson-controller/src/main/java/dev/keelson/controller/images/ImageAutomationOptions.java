package dev.keelson.controller.images;

import java.time.Duration;

/**
 * Whether and how image update automation runs in the controller.
 *
 * @param fullScanEvery how often a repository of more than one page of tags is listed whole (in
 *     between, only the tags after its greatest known one are listed)
 */
public record ImageAutomationOptions(boolean enabled, Duration fullScanEvery) {
  public static ImageAutomationOptions defaults() {
    return new ImageAutomationOptions(true, Duration.ofHours(1));
  }
}
