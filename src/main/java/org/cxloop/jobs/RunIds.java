package org.cxloop.jobs;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Run ids that sort by start time and are unique across machines. */
public final class RunIds {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private RunIds() {}

  public static String next() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(FORMAT) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
