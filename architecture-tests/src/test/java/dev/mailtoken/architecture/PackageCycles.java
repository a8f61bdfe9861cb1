package dev.mailtoken.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Strongly connected components of a dependency graph (Tarjan), reported when they hold a loop. */
final class PackageCycles {
  private final Map<String, Set<String>> graph;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> low = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final List<String> cycles = new ArrayList<>();
  private int next;

  private PackageCycles(Map<String, Set<String>> graph) {
    this.graph = graph;
  }

  /** One line per cycle: its packages joined by " ↔ ". Empty when the graph is acyclic. */
  static List<String> find(Map<String, Set<String>> graph) {
    PackageCycles c = new PackageCycles(graph);
    graph.keySet().forEach(v -> {
      if (!c.index.containsKey(v)) {
        c.visit(v);
      }
    });
    return c.cycles;
  }

  private void visit(String v) {
    index.put(v, next);
    low.put(v, next);
    next++;
    stack.push(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        visit(w);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        cycles.add(String.join(" ↔ ", component));
      }
    }
  }
}
