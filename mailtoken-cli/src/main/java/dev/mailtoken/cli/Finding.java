package dev.mailtoken.cli;

import dev.mailtoken.internal.ServerText;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * One result of {@code mailtoken doctor}: what happened, why, and what to do. Printed with control
 * characters escaped, since its text may quote a provider or mail server.
 *
 * @param why empty when there is nothing to explain
 * @param todo empty when there is nothing to do
 */
record Finding(Level level, String topic, String what, String why, String todo) {
  enum Level { OK, WARNING, PROBLEM }

  Finding {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(what, "what");
    why = why == null ? "" : why;
    todo = todo == null ? "" : todo;
  }

  static Finding ok(String topic, String what) {
    return new Finding(Level.OK, topic, what, "", "");
  }

  static Finding warning(String topic, String what, String why, String todo) {
    return new Finding(Level.WARNING, topic, what, why, todo);
  }

  static Finding problem(String topic, String what, String why, String todo) {
    return new Finding(Level.PROBLEM, topic, what, why, todo);
  }

  void print(PrintWriter out) {
    String tag = level == Level.OK ? "[ok]     " : level == Level.WARNING ? "[warning]" : "[problem]";
    out.println(tag + " " + ServerText.printable(topic) + ": " + ServerText.printable(what));
    if (!why.isEmpty()) {
      out.println("          why: " + ServerText.printable(why));
    }
    if (!todo.isEmpty()) {
      out.println("          do:  " + ServerText.printable(todo));
    }
  }
}
