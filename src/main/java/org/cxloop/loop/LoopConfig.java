package org.cxloop.loop;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.text.TermList;

/**
 * The analyst-editable files of the loop stage ({@code loop.conf.dir}, default {@code conf/loop})
 * and the SLA keys, loaded once per run.
 *
 * @param escalation kind -> terms (escalation.tsv), matched like the keyword taxonomy
 * @param touchpointOwners touchpoint (or 'relational', 'default') -> owner id
 * @param processOwners taxonomy category -> process owner id
 */
public record LoopConfig(TermList escalation, Map<String, String> touchpointOwners, Map<String, String> processOwners,
    Sla sla) {

  public static final String ESCALATION_FILE = "escalation.tsv";
  public static final String TOUCHPOINT_OWNERS_FILE = "touchpoint_owners.properties";
  public static final String PROCESS_OWNERS_FILE = "process_owners.properties";
  /** Key of touchpoint_owners.properties for relational answers (no touchpoint). */
  public static final String RELATIONAL = "relational";
  /** Key of touchpoint_owners.properties for a touchpoint not listed. */
  public static final String DEFAULT = "default";

  /** Hours from the answer to the due time, per priority. */
  public record Sla(int p1Hours, int p2Hours, int p3Hours) {}

  public static LoopConfig load(CxConfig conf) {
    Path dir = Path.of(conf.get(Keys.LOOP_CONF_DIR));
    TermList escalation;
    try {
      escalation = TermList.load(dir.resolve(ESCALATION_FILE));
    } catch (IllegalArgumentException e) {
      throw CxErrors.loopInputInvalid("load the escalation keywords", e.getMessage().replace("Cannot load the keyword model: ", ""),
          "Fix " + dir.resolve(ESCALATION_FILE) + " (or point " + Keys.LOOP_CONF_DIR.name() + " at the folder that has it)");
    }
    Map<String, String> touchpoints = properties(dir.resolve(TOUCHPOINT_OWNERS_FILE));
    if (!touchpoints.containsKey(DEFAULT)) {
      throw CxErrors.loopInputInvalid("load the touchpoint owners", dir.resolve(TOUCHPOINT_OWNERS_FILE)
          + " has no '" + DEFAULT + "' owner", "Add a line default=<owner id> for touchpoints not listed");
    }
    return new LoopConfig(escalation, touchpoints, properties(dir.resolve(PROCESS_OWNERS_FILE)),
        new Sla(conf.getInt(Keys.LOOP_SLA_HOURS_P1), conf.getInt(Keys.LOOP_SLA_HOURS_P2), conf.getInt(Keys.LOOP_SLA_HOURS_P3)));
  }

  /** A UTF-8 properties file as an ordered map; blank values are an error (an owner must be named). */
  static Map<String, String> properties(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw CxErrors.loopInputInvalid("read " + file, e.getClass().getSimpleName() + " " + e.getMessage(),
          "Create the file (see conf/loop in the project) or set " + Keys.LOOP_CONF_DIR.name());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).strip();
      if (value.isEmpty()) {
        throw CxErrors.loopInputInvalid("read " + file, "'" + key + "' has no owner", "Write " + key + "=<owner id>");
      }
      out.put(key.strip(), value);
    }
    return out;
  }
}
