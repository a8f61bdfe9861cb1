/**
 * Spring Boot auto-configuration for mailtoken: {@code mailtoken.*} properties
 * ({@link dev.mailtoken.spring.MailtokenProperties}) configure a token manager, a mailer and a
 * {@code JavaMailSender}; token events become application events; Actuator health and Micrometer
 * meters when those are present. See the module README for every property.
 */
package dev.mailtoken.spring;
