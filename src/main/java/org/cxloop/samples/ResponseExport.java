package org.cxloop.samples;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one responses file day by day, in submitted_at order, together with the interactions
 * its transactional answers refer to; plants the bad rows of its {@link BadRowPlan}.
 *
 * <p>Only one day of answers is held in memory: enough to sort them by time, and independent of
 * the file's total size.
 */
final class ResponseExport {

  /** How the survey tool (or a legacy system) writes the file. */
  record Format(String fileName, Charset charset, char delimiter, String lineEnd, String idPrefix,
      int idWidth, boolean legacyTimestamps, boolean unknownLanguages, boolean emojis) {}

  /** Share of interactions nobody answered a survey about, on top of the answered ones. */
  private static final double UNANSWERED_SHARE = 0.10;
  /** Weekend days get fewer survey answers. */
  private static final double SATURDAY = 0.7;
  private static final double SUNDAY = 0.55;

  private final Format format;
  private final Period period;
  private final CustomerPicker picker;
  private final CustomerPicker everyone;
  private final ResponseFactory factory;
  private final Interactions interactions;
  private final ResponseStats stats = new ResponseStats();
  private final SignalStats signals;
  private final int customerCount;
  private long position;
  /** The last valid row written, and its id: what a duplicate copies. */
  private Response lastValid;
  private String lastValidId;

  ResponseExport(Format format, Period period, CustomerPicker picker, CustomerPicker everyone,
      ResponseFactory factory, Interactions interactions, SignalStats signals, int customerCount) {
    this.format = format;
    this.period = period;
    this.picker = picker;
    this.everyone = everyone;
    this.factory = factory;
    this.interactions = interactions;
    this.signals = signals;
    this.customerCount = customerCount;
  }

  ResponseStats write(Path dir, long rows, BadRowPlan plan, SplittableRandom rng) throws IOException {
    long[] perDay = rowsPerDay(rows);
    try (CsvWriter out = new CsvWriter(dir.resolve(format.fileName()), format.charset(),
        format.delimiter(), format.lineEnd(), Columns.RESPONSES)) {
      for (int d = 0; d < period.days(); d++) {
        long day = period.firstDay() + d;
        List<Response> answers = new ArrayList<>((int) perDay[d]);
        for (long i = 0; i < perDay[d]; i++) {
          answers.add(factory.create(rng, picker.pick(rng, day), day, format.unknownLanguages(), format.emojis()));
        }
        answers.sort(Comparator.comparingLong(r -> r.submittedAt)); // stable: ties keep draw order
        for (Response r : answers) {
          writeOne(out, r, plan.at(position), rng);
          position++;
        }
      }
    }
    return stats;
  }

  /**
   * Splits the rows over the days by the weight of customers who may answer that day (the base
   * grows with signups) and fewer at weekends; cumulative rounding keeps the total exact.
   */
  private long[] rowsPerDay(long rows) {
    double[] weight = new double[period.days()];
    double total = 0;
    for (int d = 0; d < period.days(); d++) {
      long day = period.firstDay() + d;
      DayOfWeek dow = LocalDate.ofEpochDay(day).getDayOfWeek();
      double factor = dow == DayOfWeek.SATURDAY ? SATURDAY : dow == DayOfWeek.SUNDAY ? SUNDAY : 1.0;
      weight[d] = factor * picker.weightOn(day);
      total += weight[d];
    }
    if (total == 0 && rows > 0) {
      throw new IllegalStateException("Cannot write " + format.fileName() + ": no customer of it "
          + "signed up before the period ends. Generate more customers (--responses).");
    }
    long[] perDay = new long[period.days()];
    double cumulative = 0;
    long assigned = 0;
    for (int d = 0; d < period.days(); d++) {
      cumulative += weight[d];
      long upTo = Math.round(rows * cumulative / total);
      perDay[d] = upTo - assigned;
      assigned = upTo;
    }
    return perDay;
  }

  private void writeOne(CsvWriter out, Response generated, BadRowPlan.Slot slot, SplittableRandom rng)
      throws IOException {
    BadRow kind = slot == null ? null : slot.kind();
    Response r = generated;
    String responseId = Rand.id(format.idPrefix(), position + 1, format.idWidth());
    if (kind == BadRow.DUPLICATE_RESPONSE_ID) {
      r = duplicateOfLastValid(rng);
      responseId = lastValidId;
    } else if (kind == BadRow.UNKNOWN_CUSTOMER) {
      // Relational, so that no interaction points at a customer CRM does not know.
      r.customerId = CustomerBase.customerId(customerCount + 1000 + slot.occurrence());
      r.relational = true;
      r.interaction = null;
      r.surveyId = ResponseFactory.relationalSurvey(r.day);
      r.contactId = "";
      r.contactRole = "";
    }
    if (r.interaction != null && kind != BadRow.DUPLICATE_RESPONSE_ID) {
      r.transactionId = interactions.write(r.interaction, rng, everyone, r.day);
    }
    r.submittedAtText = format.legacyTimestamps() ? Period.legacyLocal(r.submittedAt) : Period.isoOffset(r.submittedAt);
    r.scoreText = Integer.toString(r.score);
    if (kind == BadRow.MISSING_RESPONSE_ID) {
      responseId = "";
    } else if (kind == BadRow.SCORE_OUT_OF_RANGE || kind == BadRow.SCORE_NOT_A_NUMBER) {
      r.scoreText = kind.value(slot.occurrence());
    } else if (kind == BadRow.UNPARSEABLE_SUBMITTED_AT) {
      r.submittedAtText = kind.value(slot.occurrence());
    }
    String[] fields = fields(responseId, r);
    if (kind == BadRow.BROKEN_QUOTING) {
      out.writeRawRow(unclosedQuote(fields, r.language));
    } else {
      out.writeRow(fields);
    }
    if (kind == null) {
      stats.valid(r);
      if (signals != null) {
        signals.add(r);
      }
      lastValid = r;
      lastValidId = responseId;
    } else {
      stats.bad(kind);
    }
  }

  /** The same answer sent again a little later (minutes to an hour), sometimes with another score. */
  private Response duplicateOfLastValid(SplittableRandom rng) {
    Response copy = lastValid.copy();
    long endOfDay = Period.epochSecond(copy.day + 1, 0) - 1;
    copy.submittedAt = Math.min(endOfDay, copy.submittedAt + 60 + rng.nextInt(3600));
    if (rng.nextBoolean()) {
      copy.score = Math.max(0, Math.min(10, copy.score + (rng.nextBoolean() ? 1 : -1)));
    }
    return copy;
  }

  private String[] fields(String responseId, Response r) {
    return new String[] {responseId, r.surveyId, r.relational ? "relational" : "transactional",
        r.customerId, r.contactId, r.contactRole, r.channel.id,
        r.languageKnown ? r.language.code : "", r.submittedAtText, r.scoreText, r.comment,
        r.transactionId};
  }

  /**
   * The row up to the comment as usual, then a comment whose opening quote is never closed: the
   * rest of the line (the transaction id) ends up inside the quotes for a lenient parser.
   */
  private String unclosedQuote(String[] fields, Language language) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < Columns.RESPONSE_COMMENT; i++) {
      line.append(CsvWriter.quote(fields[i], format.delimiter())).append(format.delimiter());
    }
    String comment = switch (language) {
      case PL -> "Kurier spóźniony, paczka uszkodzona";
      case RU -> "Курьер опоздал, коробка мятая";
      case EN -> "Courier was late, box damaged";
    };
    line.append('"').append(comment).append(format.delimiter());
    for (int i = Columns.RESPONSE_COMMENT + 1; i < fields.length; i++) {
      line.append(fields[i]);
    }
    return line.toString();
  }

  /** Interactions share one file and one id sequence across all responses files. */
  static final class Interactions {
    private final CsvWriter out;
    private final ResponseFactory factory;
    private long next = 1;

    Interactions(CsvWriter out, ResponseFactory factory) {
      this.out = out;
      this.factory = factory;
    }

    /** Writes the answered interaction and, now and then, one nobody answered about. */
    String write(Interaction i, SplittableRandom rng, CustomerPicker everyone, long day) throws IOException {
      String id = writeRow(i);
      if (Rand.chance(rng, UNANSWERED_SHARE)) {
        writeRow(factory.unanswered(rng, everyone.pick(rng, day), day));
      }
      return id;
    }

    private String writeRow(Interaction i) throws IOException {
      String id = Rand.id("T", next++, 9);
      out.writeRow(id, CustomerBase.customerId(i.customer()), i.touchpoint().id, i.channel().id,
          i.employee() == null ? "" : Organisation.employeeId(i.employee().employee()),
          Period.isoOffset(i.startedAt()), measured(i.waitTimeS()), measured(i.handleTimeS()),
          Boolean.toString(i.resolved()));
      return id;
    }

    private static String measured(int seconds) {
      return seconds == Interaction.NOT_MEASURED ? "" : Integer.toString(seconds);
    }

    long rows() {
      return out.dataRows();
    }
  }
}
