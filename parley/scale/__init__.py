"""Scale-out: every core of one machine (``pool``) and a Spark cluster (``spark``), both
running the same per-article functions as a single process, plus ``parquet``: a store
read from the Parquet tables a Spark job writes."""
