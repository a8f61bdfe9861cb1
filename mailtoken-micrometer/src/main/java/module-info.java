/** mailtoken-micrometer: Micrometer meters for token refreshes and sends. */
// PLACEHOLDER until the module-info of branch modlib is merged (take modlib's on conflict): it
// exports what micrometer exported as an automatic module, so the modules above can require it.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module dev.mailtoken.micrometer {
  requires transitive dev.mailtoken.core;
  requires transitive micrometer.core;
  requires transitive dev.mailtoken.mail;
  requires org.slf4j;

  exports dev.mailtoken.micrometer;
}
