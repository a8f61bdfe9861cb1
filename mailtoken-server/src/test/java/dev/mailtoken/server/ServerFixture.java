package dev.mailtoken.server;

import dev.mailtoken.MailtokenException;
import dev.mailtoken.oauth.OAuthClient;
import dev.mailtoken.store.CredentialStore;
import dev.mailtoken.store.KeyRing;
import dev.mailtoken.testkit.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A credential store on a fresh SQLite file (or a given JDBC URL) and servers started on it on
 * port 0. Close it after the test: stops the servers, closes the stores.
 */
public final class ServerFixture implements AutoCloseable {
  public static final Instant START = Instant.parse("2031-05-17T09:13:27.123Z");

  public final TestClock clock = TestClock.at(START);
  public final KeyRing keys = KeyRing.generate();
  public final OAuthClient oauthClient = OAuthClient.builder().clock(clock).build();
  private final String url;
  private final List<MailtokenServer> servers = new ArrayList<>();
  private final List<CredentialStore> stores = new ArrayList<>();

  public ServerFixture(Path dir) {
    this("jdbc:sqlite:" + dir.resolve("mailtoken.db"));
  }

  public ServerFixture(String jdbcUrl) {
    this.url = jdbcUrl;
  }

  public CredentialStore store() throws MailtokenException {
    CredentialStore s = CredentialStore.open(url, keys, clock);
    stores.add(s);
    return s;
  }

  /** A server with {@code config} on a store of its own (as another node would have), on port 0. */
  public MailtokenServer start(ServerConfig config) throws MailtokenException {
    MailtokenServer server = new MailtokenServer(config, store(), oauthClient, clock).start(0);
    servers.add(server);
    return server;
  }

  public MailtokenServer start() throws MailtokenException {
    return start(ServerConfig.defaults());
  }

  @Override
  public void close() {
    servers.forEach(MailtokenServer::stop);
    stores.forEach(CredentialStore::close);
  }
}
