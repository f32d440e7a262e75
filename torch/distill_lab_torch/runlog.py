"""The lab's run events (src/engine/events.ts) as JSON lines: one event per line, the first a
"started" event. The lab imports such a file as a run (History → Import a run) and charts it."""
import json
import math


def _clean(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


class RunLog:
    """Writes events to a JSON-lines file (rank 0 only: pass path=None elsewhere)."""

    def __init__(self, path, run_id="torch-run"):
        self.run_id = run_id
        self.f = open(path, "w", encoding="utf-8") if path else None

    def emit(self, event):
        if self.f is None:
            return
        self.f.write(json.dumps(_clean({"runId": self.run_id, **event}), separators=(",", ":")) + "\n")
        self.f.flush()

    def started(self, config, teachers, terms, backend, cache_ms):
        self.emit({"type": "started", "format": "distill-lab-events", "config": config, "teachers": teachers, "terms": terms, "backend": backend, "cacheMs": cache_ms})

    def steps(self, points):
        if points:
            self.emit({"type": "steps", "points": points})

    def close(self):
        if self.f is not None:
            self.f.close()
            self.f = None
