"""Reads JMH's JSON results for benchmarks/run.sh: one DETAIL line per benchmark, and the
scores by benchmark name, for the FIG lines run.sh prints next to them."""

import json
import os


def read(path, prefix, default_label):
    """Print a DETAIL line for each benchmark in the JMH JSON file PATH, named
    PREFIX + LABEL + ".json", and return (LABEL, SUFFIX, SCORES): SUFFIX is "" for the
    default JDK's LABEL and "_" + LABEL otherwise, and SCORES maps each benchmark's method
    name to JMH's primary metric (score and scoreError in ns/op)."""
    label = os.path.basename(path)[len(prefix):-len(".json")]
    suffix = "" if label == default_label else "_" + label
    scores = {}
    with open(path) as results:
        for result in json.load(results):
            name = result["benchmark"].rsplit(".", 1)[1]
            metric = result["primaryMetric"]
            scores[name] = metric
            print("DETAIL JMH %s, %s: %.1f ± %.1f ns/op (99.9%% CI), %d forks x %d iterations" % (
                label, name, metric["score"], metric["scoreError"], result["forks"],
                result["measurementIterations"]))
    return label, suffix, scores
