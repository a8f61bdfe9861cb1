package dev.mailtoken.server.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client's address and scheme. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
 * believed only from the configured trusted proxies (anyone can send those headers); the
 * client is then the right-most forwarded address that is not itself a trusted proxy.
 * Immutable and thread-safe.
 */
final class ClientAddress {
  private final List<InetAddress> trusted;

  ClientAddress(List<InetAddress> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  String ip(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    if (!isTrusted(remote)) {
      return remote;
    }
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || forwarded.isBlank()) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop;
      }
    }
    return remote;
  }

  String scheme(Context ctx) {
    String proto = ctx.header("X-Forwarded-Proto");
    if (proto != null && isTrusted(ctx.req().getRemoteAddr())) {
      String p = proto.split(",")[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (p.equals("https") || p.equals("http")) {
        return p;
      }
    }
    return ctx.req().getScheme();
  }

  private boolean isTrusted(String address) {
    if (trusted.isEmpty() || address == null || !looksLikeIp(address)) {
      return false;
    }
    try {
      // A literal address: no DNS lookup happens.
      return trusted.contains(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean looksLikeIp(String s) {
    return s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':');
  }
}
