package org.cxloop.samples;

/**
 * Channels of surveys and interactions. {@code courier} is used only by delivery interactions:
 * the parcel is handed over at the door, not through a contact channel.
 */
enum Channel {
  WEB("web"),
  EMAIL("email"),
  SMS("sms"),
  IVR("ivr"),
  CALL_CENTRE("call_centre"),
  SHOP("shop"),
  APP("app"),
  COURIER("courier");

  final String id;

  Channel(String id) {
    this.id = id;
  }

  boolean isDigital() {
    return this == WEB || this == APP;
  }
}
