package org.cxloop.quality;

import org.apache.spark.sql.Column;

/**
 * A named row rule: {@code violated} is true for a row that breaks it. The name is what the
 * quarantine table and the audit counts show; the reason is what an engineer reads there.
 */
public record Rule(String name, Column violated, String reason) {}
