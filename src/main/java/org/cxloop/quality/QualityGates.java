package org.cxloop.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The checks a nightly run must pass before it writes the BI tables, evaluated on the run's own
 * counts (no extra pass over the data).
 */
public final class QualityGates {

  /** Thresholds and which checks are errors (the rest are warnings). */
  public record Limits(double maxQuarantineShare, double minCrmMatch, double minInteractionMatch,
      double maxVolumeDeviation, Set<String> errorChecks) {}

  /** What the run saw. {@code recentRowsPerDay} is empty when there is no history yet. */
  public record Facts(long responsesRead, long responsesQuarantined, long responsesAccepted,
      long withoutCrm, long transactional, long transactionalWithoutInteraction, int windowDays,
      List<String> daysWithoutResponses, OptionalDouble recentRowsPerDay) {}

  public static final String QUARANTINE_SHARE = "quarantine_share";
  public static final String RESPONSES_PRESENT = "responses_present";
  public static final String VOLUME_VS_RECENT = "volume_vs_recent";
  public static final String CRM_MATCH_RATE = "crm_match_rate";
  public static final String INTERACTION_MATCH_RATE = "interaction_match_rate";
  public static final List<String> ALL = List.of(QUARANTINE_SHARE, RESPONSES_PRESENT, VOLUME_VS_RECENT,
      CRM_MATCH_RATE, INTERACTION_MATCH_RATE);

  private QualityGates() {}

  private static Check check(String name, Limits l, String description, String hint) {
    return new Check(name, l.errorChecks().contains(name) ? Check.Level.ERROR : Check.Level.WARNING, description, hint);
  }

  public static List<Check.Result> evaluate(Facts f, Limits l) {
    List<Check.Result> out = new ArrayList<>();

    Check q = check(QUARANTINE_SHARE, l, "share of survey rows quarantined",
        "look at the quarantine table for this run: a new export format or a broken feed shows up there first");
    double share = f.responsesRead() == 0 ? 0 : f.responsesQuarantined() / (double) f.responsesRead();
    String qm = pct(share) + " of " + f.responsesRead() + " survey rows quarantined (limit " + pct(l.maxQuarantineShare()) + ")";
    out.add(share <= l.maxQuarantineShare() ? q.pass(share, l.maxQuarantineShare(), qm) : q.fail(share, l.maxQuarantineShare(), qm));

    Check p = check(RESPONSES_PRESENT, l, "every day of the window has answers",
        "check that the survey tool's export for those days arrived");
    out.add(f.daysWithoutResponses().isEmpty()
        ? p.pass((double) f.windowDays(), null, "answers on every day of the window")
        : p.fail((double) f.daysWithoutResponses().size(), 0.0, "no answers on " + f.daysWithoutResponses()));

    Check v = check(VOLUME_VS_RECENT, l, "rows per day close to the recent average",
        "a partial or duplicated export changes the volume; compare the input files with the previous days'");
    double perDay = f.responsesRead() / (double) Math.max(1, f.windowDays());
    if (f.recentRowsPerDay().isEmpty() || f.recentRowsPerDay().getAsDouble() == 0) {
      out.add(v.pass(perDay, null, "no earlier runs to compare with"));
    } else {
      double avg = f.recentRowsPerDay().getAsDouble();
      double dev = Math.abs(perDay - avg) / avg;
      String vm = String.format(Locale.ROOT, "%.1f rows/day vs %.1f on average recently (%s off, limit %s)",
          perDay, avg, pct(dev), pct(l.maxVolumeDeviation()));
      out.add(dev <= l.maxVolumeDeviation() ? v.pass(dev, l.maxVolumeDeviation(), vm) : v.fail(dev, l.maxVolumeDeviation(), vm));
    }

    Check c = check(CRM_MATCH_RATE, l, "answers whose customer is in CRM on the answer date",
        "the CRM extract may be late or partial; answers without CRM are kept but lose their segment");
    double crm = f.responsesAccepted() == 0 ? 1 : 1 - f.withoutCrm() / (double) f.responsesAccepted();
    String cm = pct(crm) + " of answers matched a CRM row (minimum " + pct(l.minCrmMatch()) + ")";
    out.add(crm >= l.minCrmMatch() ? c.pass(crm, l.minCrmMatch(), cm) : c.fail(crm, l.minCrmMatch(), cm));

    Check i = check(INTERACTION_MATCH_RATE, l, "transactional answers whose interaction is known",
        "the operational extract may be late; those answers have no touchpoint or employee");
    double im = f.transactional() == 0 ? 1 : 1 - f.transactionalWithoutInteraction() / (double) f.transactional();
    String imm = pct(im) + " of transactional answers matched an interaction (minimum " + pct(l.minInteractionMatch()) + ")";
    out.add(im >= l.minInteractionMatch() ? i.pass(im, l.minInteractionMatch(), imm) : i.fail(im, l.minInteractionMatch(), imm));
    return out;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
