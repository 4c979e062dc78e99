package org.cxloop.samples;

/**
 * One survey answer while a day is being generated; ids are given when it is written, in
 * file order. Mutable because a planted bad row is made by changing one field of a real answer.
 */
final class Response {
  String surveyId;
  boolean relational;
  int customer;
  /** Customer id as written: differs from the customer's only for the unknown-customer rows. */
  String customerId;
  String contactId = "";
  String contactRole = "";
  Channel channel;
  Language language;
  boolean languageKnown = true;
  long day;
  long submittedAt;
  String submittedAtText;
  int score;
  String scoreText;
  String comment = "";
  /** Given when the interaction is written; empty for relational answers. */
  String transactionId = "";
  /** Null for relational answers. */
  Interaction interaction;
  Segment segment;

  Response copy() {
    Response r = new Response();
    r.surveyId = surveyId;
    r.relational = relational;
    r.customer = customer;
    r.customerId = customerId;
    r.contactId = contactId;
    r.contactRole = contactRole;
    r.channel = channel;
    r.language = language;
    r.languageKnown = languageKnown;
    r.day = day;
    r.submittedAt = submittedAt;
    r.score = score;
    r.comment = comment;
    r.transactionId = transactionId;
    r.interaction = interaction;
    r.segment = segment;
    return r;
  }

  Touchpoint touchpoint() {
    return interaction == null ? null : interaction.touchpoint();
  }
}
