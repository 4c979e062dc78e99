package org.cxloop.samples;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/** Makes one valid survey answer of a customer on a day, with the interaction it is about. */
final class ResponseFactory {

  /** Answers by hour of day, Warsaw time: few at night, most in the evening. */
  private static final double[] HOUR_WEIGHTS = {1, 0.5, 0.3, 0.2, 0.2, 0.5, 1.5, 3, 5, 6, 7, 7,
      6, 6, 6, 6, 6, 7, 8, 8, 7, 5, 3, 2};
  private static final Channel[] RELATIONAL_CHANNELS = {Channel.EMAIL, Channel.WEB, Channel.SMS, Channel.APP};
  private static final double[] RELATIONAL_CONSUMER_WEIGHTS = {55, 20, 15, 10};
  private static final double[] RELATIONAL_BUSINESS_WEIGHTS = {80, 20, 0, 0};
  /** Share of answers whose language the survey tool did not record. */
  private static final double UNKNOWN_LANGUAGE_SHARE = 0.03;

  private final CustomerBase customers;
  private final Organisation organisation;
  private final InteractionFactory interactions;
  private final CommentComposer composer;

  ResponseFactory(CustomerBase customers, Organisation organisation, CommentComposer composer) {
    this.customers = customers;
    this.organisation = organisation;
    this.interactions = new InteractionFactory(organisation);
    this.composer = composer;
  }

  /**
   * @param unknownLanguages whether some answers lose their language (the survey tool's export)
   * @param emojis whether comments may carry emojis (not in 8-bit legacy code pages)
   */
  Response create(SplittableRandom rng, int customer, long day, boolean unknownLanguages, boolean emojis) {
    Response r = new Response();
    r.customer = customer;
    r.customerId = CustomerBase.customerId(customer);
    r.day = day;
    r.segment = customers.segmentOn(customer, day);
    r.language = customers.language(customer);
    r.languageKnown = !(unknownLanguages && Rand.chance(rng, UNKNOWN_LANGUAGE_SHARE));
    int second = Rand.weighted(rng, HOUR_WEIGHTS) * 3600 + rng.nextInt(3600);
    r.submittedAt = Period.epochSecond(day, second);
    r.relational = Rand.chance(rng, r.segment.relationalShare);
    if (r.relational) {
      r.surveyId = relationalSurvey(day);
      r.channel = RELATIONAL_CHANNELS[Rand.weighted(rng,
          r.segment.isBusiness() ? RELATIONAL_BUSINESS_WEIGHTS : RELATIONAL_CONSUMER_WEIGHTS)];
    } else {
      Touchpoint touchpoint = Touchpoint.values()[Rand.weighted(rng, Touchpoint.weightsFor(r.segment))];
      r.interaction = interactions.create(rng, customer, r.segment, touchpoint, day, r.submittedAt);
      r.surveyId = "TNPS-" + touchpoint.id.toUpperCase(Locale.ROOT);
      r.channel = surveyChannel(rng, r.interaction.channel());
    }
    if (r.segment.isBusiness() && customers.contacts(customer) > 0) {
      int contact = rng.nextInt(customers.contacts(customer));
      r.contactId = CustomerBase.contactId(customer, contact);
      r.contactRole = customers.contactRole(customer, contact);
    }
    r.score = ScoreModel.draw(rng, ScoreModel.effect(r, customers.affinity(customer), organisation));
    boolean digital = r.channel.isDigital() || (r.interaction != null && r.interaction.channel().isDigital());
    r.comment = composer.compose(rng, r.language, r.score, r.touchpoint(), digital, emojis);
    return r;
  }

  /** An unanswered interaction of an eligible customer on the day: operations log everything. */
  Interaction unanswered(SplittableRandom rng, int customer, long day) {
    Segment segment = customers.segmentOn(customer, day);
    Touchpoint touchpoint = Touchpoint.values()[Rand.weighted(rng, Touchpoint.weightsFor(segment))];
    long end = Period.epochSecond(day, Rand.weighted(rng, HOUR_WEIGHTS) * 3600 + rng.nextInt(3600));
    return interactions.create(rng, customer, segment, touchpoint, day, end);
  }

  static String relationalSurvey(long day) {
    LocalDate date = LocalDate.ofEpochDay(day);
    return "RNPS-" + date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
  }

  /** The survey invitation follows the interaction: a call gets an IVR or SMS survey, and so on. */
  private static Channel surveyChannel(SplittableRandom rng, Channel interaction) {
    return switch (interaction) {
      case CALL_CENTRE -> pick(rng, new Channel[] {Channel.IVR, Channel.SMS, Channel.EMAIL}, 50, 35, 15);
      case APP -> pick(rng, new Channel[] {Channel.APP, Channel.EMAIL}, 80, 20);
      case WEB -> pick(rng, new Channel[] {Channel.EMAIL, Channel.WEB}, 50, 50);
      case SHOP -> pick(rng, new Channel[] {Channel.SMS, Channel.SHOP, Channel.EMAIL}, 50, 30, 20);
      case COURIER -> pick(rng, new Channel[] {Channel.SMS, Channel.EMAIL, Channel.APP}, 60, 30, 10);
      default -> Channel.EMAIL;
    };
  }

  private static Channel pick(SplittableRandom rng, Channel[] channels, double... weights) {
    return channels[Rand.weighted(rng, weights)];
  }
}
