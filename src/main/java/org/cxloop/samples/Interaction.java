package org.cxloop.samples;

/**
 * One operational interaction, before its transaction id is given at write time.
 *
 * @param employee the agent who served, or null for self-service and external carriers
 * @param waitTimeS seconds in a queue, or -1 where no queue is measured (delivery, e-mail, web)
 * @param handleTimeS seconds being served, or -1 for delivery
 * @param carrier a delivery by the external carrier (the July-August problem)
 */
record Interaction(int customer, Touchpoint touchpoint, Channel channel,
    Organisation.Row employee, long startedAt, int waitTimeS, int handleTimeS, boolean resolved,
    boolean carrier) {

  static final int NOT_MEASURED = -1;
}
