"""Evaluation: gold files (parley-gold/1) and public benchmarks, one JSON shape for all."""
