package org.cxloop.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.cxloop.CxErrors;

/**
 * The effective configuration: declared defaults, then a properties file (which may
 * {@code include} another, relative to itself), then {@code --set key=value} overrides.
 * Immutable; every value has been checked against its key's declaration.
 */
public final class CxConfig {

  private static final String INCLUDE = "include";

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private CxConfig(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** Defaults only: what a test starts from. */
  public static CxConfig defaults() {
    return load(null, Map.of());
  }

  /**
   * Loads {@code file} (with its includes; null for none) and applies {@code overrides} on top.
   *
   * @throws org.cxloop.CxException of kind CONFIG for a missing file, unknown key or bad value
   */
  public static CxConfig load(Path file, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (ConfigKey key : Keys.all().values()) {
      values.put(key.name(), key.defaultValue());
      origins.put(key.name(), "default");
    }
    if (file != null) {
      readWithIncludes(file, values, origins, new ArrayList<>());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      put(e.getKey(), e.getValue(), "--set", values, origins);
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      ConfigKey key = Keys.all().get(e.getKey());
      if (!key.check().test(e.getValue())) {
        throw CxErrors.badConfigValue(key.name(), masked(key, e.getValue()), "expected " + key.allowed()
            + " (set in " + origins.get(key.name()) + ")");
      }
    }
    return new CxConfig(values, origins);
  }

  private static void readWithIncludes(Path file, Map<String, String> values, Map<String, String> origins,
      List<Path> chain) {
    Path normal = file.toAbsolutePath().normalize();
    if (chain.contains(normal)) {
      throw CxErrors.badConfigValue(INCLUDE, file.toString(), "the files include each other in a cycle " + chain);
    }
    if (!Files.isRegularFile(normal)) {
      throw CxErrors.configFileMissing(file.toString(), chain.isEmpty() ? "--conf" : "included from " + chain.get(chain.size() - 1));
    }
    chain.add(normal);
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(normal, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw CxErrors.configFileMissing(file.toString(), e.getMessage());
    }
    String include = props.getProperty(INCLUDE);
    if (include != null && !include.isBlank()) {
      // Included files are read first so that the including file overrides them.
      for (String inc : include.split(",")) {
        readWithIncludes(normal.getParent().resolve(inc.trim()), values, origins, chain);
      }
    }
    List<String> names = new ArrayList<>(props.stringPropertyNames());
    names.sort(String::compareTo);
    for (String name : names) {
      if (!name.equals(INCLUDE)) {
        put(name, props.getProperty(name).trim(), normal.getFileName().toString(), values, origins);
      }
    }
    chain.remove(chain.size() - 1);
  }

  private static void put(String name, String value, String origin, Map<String, String> values,
      Map<String, String> origins) {
    if (!Keys.all().containsKey(name)) {
      throw CxErrors.unknownConfigKey(name, origin, Keys.prefixes());
    }
    values.put(name, value);
    origins.put(name, origin);
  }

  public String get(ConfigKey key) {
    return values.get(key.name());
  }

  public int getInt(ConfigKey key) {
    return Integer.parseInt(get(key));
  }

  public double getDouble(ConfigKey key) {
    return Double.parseDouble(get(key));
  }

  /**
   * warehouse.dir as an absolute location: Delta takes a relative path for a table name, and a
   * scheduler's working directory is not the project's.
   */
  public String warehouse() {
    String dir = get(Keys.WAREHOUSE_DIR);
    return dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? dir : Path.of(dir).toAbsolutePath().normalize().toString();
  }

  public boolean getBoolean(ConfigKey key) {
    return Boolean.parseBoolean(get(key));
  }

  public List<String> getList(ConfigKey key) {
    return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A copy with one more override, as {@code --set} would give. */
  public CxConfig with(ConfigKey key, String value) {
    if (!key.check().test(value)) {
      throw CxErrors.badConfigValue(key.name(), value, "expected " + key.allowed());
    }
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    v.put(key.name(), value);
    o.put(key.name(), "code");
    return new CxConfig(v, o);
  }

  /** A value as it may be shown: secret keys hidden, a password inside a URL replaced by ****. */
  static String masked(ConfigKey key, String value) {
    if (key.secret()) {
      return "****";
    }
    return value == null ? null : value.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  /** The effective configuration, one line per key, secrets masked: for --print-config. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (ConfigKey key : Keys.all().values()) {
      String value = masked(key, values.get(key.name()));
      sb.append("# ").append(key.doc()).append(" [").append(origins.get(key.name())).append("]\n");
      sb.append(key.name()).append('=').append(value).append('\n');
    }
    return sb.toString();
  }
}
