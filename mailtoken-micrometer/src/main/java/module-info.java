/**
 * mailtoken-micrometer: Micrometer meters for mailtoken ({@code dev.mailtoken.micrometer}):
 * {@code TokenMetrics} for a {@code TokenManager}'s refreshes, rotations and account health,
 * {@code MailerMetrics} for a {@code Mailer}'s sends and renewals.
 */
// "requires-automatic", "requires-transitive-automatic": micrometer-core is an automatic module,
// under the stable name its manifest declares; users of the binders need it anyway.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.mailtoken.micrometer {
  requires transitive dev.mailtoken.core;
  requires transitive dev.mailtoken.mail;
  // The meter binders implement Micrometer's MeterBinder (micrometer-core's
  // Automatic-Module-Name is micrometer.core).
  requires transitive micrometer.core;
  requires org.slf4j;

  exports dev.mailtoken.micrometer;
}
