package org.cxloop.config;

import java.util.function.Predicate;

/**
 * One configuration key, declared once: its name, default, one line of documentation, and what
 * values it admits. {@link CxConfig} refuses keys that are not declared and values that do not
 * pass {@code check}, so a typo fails at start rather than at 3 a.m. halfway through a run.
 */
public record ConfigKey(String name, String defaultValue, String doc, String allowed, Predicate<String> check,
    boolean secret) {

  public static ConfigKey of(String name, String defaultValue, String doc) {
    return new ConfigKey(name, defaultValue, doc, "any text", v -> true, false);
  }

  public static ConfigKey positiveInt(String name, int defaultValue, String doc) {
    return new ConfigKey(name, Integer.toString(defaultValue), doc, "a whole number >= 1",
        v -> v.matches("\\d+") && Long.parseLong(v) >= 1 && Long.parseLong(v) <= Integer.MAX_VALUE, false);
  }

  public static ConfigKey fraction(String name, double defaultValue, String doc) {
    return new ConfigKey(name, Double.toString(defaultValue), doc, "a number between 0 and 1 (exclusive)",
        v -> {
          try {
            double d = Double.parseDouble(v);
            return d > 0 && d < 1;
          } catch (NumberFormatException e) {
            return false;
          }
        }, false);
  }

  public static ConfigKey oneOf(String name, String defaultValue, String doc, String... values) {
    java.util.List<String> list = java.util.List.of(values);
    return new ConfigKey(name, defaultValue, doc, "one of " + list, list::contains, false);
  }

  /** A comma-separated list whose every item is one of {@code values}. */
  public static ConfigKey listOf(String name, String defaultValue, String doc, String... values) {
    java.util.List<String> list = java.util.List.of(values);
    return new ConfigKey(name, defaultValue, doc, "a comma-separated list of " + list,
        v -> !v.isBlank() && java.util.Arrays.stream(v.split(",")).map(String::trim).allMatch(list::contains),
        false);
  }

  public ConfigKey secretValue() {
    return new ConfigKey(name, defaultValue, doc, allowed, check, true);
  }
}
