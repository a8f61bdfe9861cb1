/*
 * A minimal SMTP sink in C for cross-checking PooledSendBenchmark with a server outside the JVM:
 * the same dialogue as SmtpSink.java (EHLO with PIPELINING, any XOAUTH2 response accepted,
 * MAIL/RCPT/DATA/RSET/NOOP/QUIT), one thread per connection, replies flushed only when no
 * pipelined input is waiting. Loopback only. Build: cc -O2 -pthread -o smtp-sink smtp-sink.c
 * Run: ./smtp-sink PORT   (prints, each second with traffic, messages and read()/write() calls per message)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static atomic_long messages, reads, writes;

struct conn {
  int fd;
  unsigned char in[65536];
  int ipos, ilen;
  char out[16384];
  int olen;
};

static int flush_out(struct conn *c) {
  int off = 0;
  while (off < c->olen) {
    ssize_t n = write(c->fd, c->out + off, c->olen - off);
    atomic_fetch_add(&writes, 1);
    if (n <= 0) return -1;
    off += n;
  }
  c->olen = 0;
  return 0;
}

/* Next input byte, or -1; flushes the replies first when nothing more is waiting to be read. */
static int next_byte(struct conn *c) {
  if (c->ipos == c->ilen) {
    int waiting = 0;
    if (ioctl(c->fd, FIONREAD, &waiting) != 0 || waiting == 0) {
      if (flush_out(c) != 0) return -1;
    }
    ssize_t n = read(c->fd, c->in, sizeof c->in);
    atomic_fetch_add(&reads, 1);
    if (n <= 0) return -1;
    c->ipos = 0;
    c->ilen = (int) n;
  }
  return c->in[c->ipos++];
}

static int read_line(struct conn *c, char *line, int max) {
  int len = 0, b;
  while ((b = next_byte(c)) != -1) {
    if (b == '\n') {
      if (len > 0 && line[len - 1] == '\r') len--;
      line[len] = 0;
      return len;
    }
    if (len < max - 1) line[len++] = (char) b;
  }
  return -1;
}

static int reply(struct conn *c, const char *text) {
  int n = (int) strlen(text);
  if (c->olen + n + 2 > (int) sizeof c->out && flush_out(c) != 0) return -1;
  memcpy(c->out + c->olen, text, n);
  c->olen += n;
  c->out[c->olen++] = '\r';
  c->out[c->olen++] = '\n';
  return 0;
}

/* Reads the message data up to CRLF.CRLF. */
static int swallow_data(struct conn *c) {
  int state = 2, b;
  while ((b = next_byte(c)) != -1) {
    if (b == '\r' && (state == 0 || state == 3)) state = state == 3 ? 4 : 1;
    else if (b == '\n' && (state == 1 || state == 4)) { if (state == 4) return 0; state = 2; }
    else if (b == '.' && state == 2) state = 3;
    else state = b == '\r' ? 1 : 0;
  }
  return -1;
}

static void *serve(void *arg) {
  struct conn *c = arg;
  char line[8192];
  reply(c, "220 sink.localhost ESMTP ready");
  while (read_line(c, line, sizeof line) >= 0) {
    if (!strncasecmp(line, "EHLO", 4)) {
      reply(c, "250-sink.localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 35882577\r\n250 AUTH XOAUTH2");
    } else if (!strncasecmp(line, "AUTH", 4)) {
      if (!strchr(line + 5, ' ')) { reply(c, "334 "); if (read_line(c, line, sizeof line) < 0) break; }
      reply(c, "235 2.7.0 Accepted");
    } else if (!strncasecmp(line, "MAIL", 4)) reply(c, "250 2.1.0 OK");
    else if (!strncasecmp(line, "RCPT", 4)) reply(c, "250 2.1.5 OK");
    else if (!strncasecmp(line, "DATA", 4)) {
      reply(c, "354 Go ahead");
      if (swallow_data(c) != 0) break;
      atomic_fetch_add(&messages, 1);
      reply(c, "250 2.0.0 OK queued");
    } else if (!strncasecmp(line, "QUIT", 4)) { reply(c, "221 2.0.0 closing connection"); flush_out(c); break; }
    else if (!strncasecmp(line, "RSET", 4) || !strncasecmp(line, "NOOP", 4)) reply(c, "250 2.0.0 OK");
    else reply(c, "502 5.5.1 Unrecognized command.");
  }
  close(c->fd);
  free(c);
  return NULL;
}

/* Every second with traffic: messages, and the sink's read() and write() calls per message. */
static void *report(void *arg) {
  (void) arg;
  long m0 = 0, r0 = 0, w0 = 0;
  for (;;) {
    sleep(1);
    long m = atomic_load(&messages), r = atomic_load(&reads), w = atomic_load(&writes);
    if (m > m0) {
      fprintf(stderr, "sink: %ld msg/s, %.2f reads/msg, %.2f writes/msg\n", m - m0, (double) (r - r0) / (m - m0),
          (double) (w - w0) / (m - m0));
    }
    m0 = m; r0 = r; w0 = w;
  }
  return NULL;
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 2525;
  int server = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(server, (struct sockaddr *) &a, sizeof a) != 0 || listen(server, 64) != 0) { perror("bind"); return 1; }
  pthread_t t;
  pthread_create(&t, NULL, report, NULL);
  for (;;) {
    int fd = accept(server, NULL, NULL);
    if (fd < 0) continue;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct conn *c = calloc(1, sizeof *c);
    c->fd = fd;
    pthread_create(&t, NULL, serve, c);
    pthread_detach(t);
  }
}
