package dev.mailtoken.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it gets, with the thread it ran on. */
final class RecordingListener implements TokenListener {
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(TokenEvent event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
  }

  List<TokenEvent> all() {
    return List.copyOf(events);
  }

  <T extends TokenEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
