"""Benchmark pairs from week 3 on: one module per notebook (``<week>_<day>.py``), each with a list
``PAIRS`` of ``library_pairs.Pair``. ``bench/library_ratios.py`` collects them all."""
