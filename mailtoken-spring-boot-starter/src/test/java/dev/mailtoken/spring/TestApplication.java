package dev.mailtoken.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The Spring Boot application the tests start: nothing but auto-configuration, as a user's app would have. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
}
